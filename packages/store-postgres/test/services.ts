/**
 * Where this package's tests find PostgreSQL (and Redis, for the multi-process proof), and how
 * to probe them; what an unreachable one does to the run is in test/support/services.ts at the
 * repository's root.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { probeService, type Service } from '../../../test/support/services';

export const POSTGRES_URL =
  process.env.PASSKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.PASSKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const variables = 'PASSKEY_TEST_DATABASE_URL / PASSKEY_TEST_REDIS_URL';

/** Probes the PostgreSQL server once (a connection and `SELECT 1`, 3 s at most). */
export function probePostgres(): Promise<Service> {
  return probeService({
    tag: 'store-postgres',
    name: 'PostgreSQL server',
    url: POSTGRES_URL,
    variables,
    connect: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    },
  });
}

/** Probes the Redis server once (connect and PING, 3 s at most, no retries). */
export function probeRedis(): Promise<Service> {
  return probeService({
    tag: 'store-postgres',
    name: 'Redis server',
    url: REDIS_URL,
    variables,
    connect: async () => {
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
    },
  });
}
