/**
 * Whether a shared service (the PostgreSQL server, and Redis for the multi-process proof) can
 * be reached, and what to do when it cannot: with PASSKEY_REQUIRE_SERVICES=1 (CI) its tests
 * fail; otherwise they are skipped, with the reason printed.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

export const POSTGRES_URL =
  process.env.PASSKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.PASSKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** The outcome of one probe. */
export interface Service {
  name: string;
  url: string;
  /** null when reachable, else why not. */
  problem: string | null;
  /** Skip the tests: unreachable and not required. */
  skip: boolean;
  /** For `beforeAll`: throws when the service is required and unreachable. */
  assertReachable(): void;
}

async function probe(name: string, url: string, connect: () => Promise<void>): Promise<Service> {
  let problem: string | null = null;
  try {
    await connect();
  } catch (err) {
    problem = err instanceof Error ? err.message || err.name : String(err);
  }
  const skip = problem !== null && !required;
  if (skip) {
    console.warn(
      `[store-postgres] SKIPPED: ${name} tests, ${url} is unreachable (${problem}). ` +
        'Start it, point PASSKEY_TEST_DATABASE_URL / PASSKEY_TEST_REDIS_URL at one, ' +
        'or set PASSKEY_REQUIRE_SERVICES=1 to fail instead.',
    );
  }
  return {
    name,
    url,
    problem,
    skip,
    assertReachable() {
      if (problem !== null) {
        throw new Error(
          `${name} is required (PASSKEY_REQUIRE_SERVICES=1) but ${url} is unreachable: ${problem}`,
        );
      }
    },
  };
}

/** Probes the PostgreSQL server once (a connection and `SELECT 1`, 3 s at most). */
export function probePostgres(): Promise<Service> {
  return probe('PostgreSQL server', POSTGRES_URL, async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
  });
}

/** Probes the Redis server once (connect and PING, 3 s at most, no retries). */
export function probeRedis(): Promise<Service> {
  return probe('Redis server', REDIS_URL, async () => {
    const client = new Redis(REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 3000,
      retryStrategy: () => null,
    });
    // ioredis rejects with "Connection is closed."; the 'error' event says why.
    let socketError: Error | undefined;
    client.on('error', (err: Error) => {
      socketError = err;
    });
    try {
      await client.connect().catch((err: unknown) => {
        throw socketError ?? err;
      });
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
}
