/**
 * Whether the Redis server can be reached, and what to do when it cannot: with
 * PASSKEY_REQUIRE_SERVICES=1 (CI) its tests fail; otherwise they are skipped, with the
 * reason printed.
 */
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.PASSKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** The outcome of one probe. */
export interface Service {
  url: string;
  /** null when reachable, else why not. */
  problem: string | null;
  /** Skip the tests: unreachable and not required. */
  skip: boolean;
  /** For `beforeAll`: throws when the service is required and unreachable. */
  assertReachable(): void;
}

/** Probes the Redis server once (connect and PING, 3 s at most, no retries). */
export async function probeRedis(): Promise<Service> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed."; the 'error' event says why (ECONNREFUSED, …).
  let socketError: Error | undefined;
  client.on('error', (err: Error) => {
    socketError = err;
  });
  let problem: string | null = null;
  try {
    await client.connect();
    if ((await client.ping()) !== 'PONG') problem = 'PING was not answered with PONG';
  } catch (err) {
    const reason = socketError ?? err;
    problem = reason instanceof Error ? reason.message || reason.name : String(reason);
  } finally {
    client.disconnect();
  }
  const skip = problem !== null && !required;
  if (skip) {
    console.warn(
      `[store-redis] SKIPPED: Redis server tests, ${REDIS_URL} is unreachable (${problem}). ` +
        'Start it, point PASSKEY_TEST_REDIS_URL at one, or set PASSKEY_REQUIRE_SERVICES=1 to fail instead.',
    );
  }
  return {
    url: REDIS_URL,
    problem,
    skip,
    assertReachable() {
      if (problem !== null) {
        throw new Error(
          `Redis is required (PASSKEY_REQUIRE_SERVICES=1) but ${REDIS_URL} is unreachable: ${problem}`,
        );
      }
    },
  };
}
