/**
 * One server process of the multi-process proof (test/support/multi-process at the repository's
 * root): its stores over the shared PostgreSQL (passkeys) and Redis (ceremonies, receipt IDs).
 */
import { createRedisChallengeStore } from '@acme/passkey-store-redis';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { WorkerConfig } from '../../../../test/support/multi-process/protocol';
import { serveWorker } from '../../../../test/support/multi-process/worker';
import { createPostgresStores, fromPg } from '../../src/index';

/** What this package's workers need besides the shared settings: the database and Redis. */
export interface PostgresWorkerConfig extends WorkerConfig {
  databaseUrl: string;
  schema: string;
  redisUrl: string;
  redisPrefix: string;
}

await serveWorker<PostgresWorkerConfig>((config) => {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });
  pool.on('error', () => {});
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  const stores = createPostgresStores({ client: fromPg(pool), schema: config.schema });
  return {
    store: stores.store,
    challenges: createRedisChallengeStore({ client: redis, prefix: config.redisPrefix }),
    migrate: () => stores.migrate(),
    close: () => {
      redis.disconnect();
      return pool.end();
    },
  };
});
