/**
 * Where this package's tests find Redis, and how to probe it; what an unreachable one does to
 * the run is in test/support/services.ts at the repository's root.
 */
import { Redis } from 'ioredis';
import { probeService, type Service } from '../../../test/support/services';

export const REDIS_URL = process.env.PASSKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Probes the Redis server once (connect and PING, 3 s at most, no retries). */
export function probeRedis(): Promise<Service> {
  return probeService({
    tag: 'store-redis',
    name: 'Redis server',
    url: REDIS_URL,
    variables: 'PASSKEY_TEST_REDIS_URL',
    connect: async () => {
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
      try {
        await client.connect().catch((err: unknown) => {
          throw socketError ?? err;
        });
        if ((await client.ping()) !== 'PONG') throw new Error('PING was not answered with PONG');
      } finally {
        client.disconnect();
      }
    },
  });
}
