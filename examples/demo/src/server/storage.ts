import path from 'node:path';
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createPostgresStores, fromPGlite, fromPg, type SqlClient } from '@acme/passkey-store-postgres';
import { createRedisChallengeStore } from '@acme/passkey-store-redis';
import type { PGlite } from '@electric-sql/pglite';
import { type ActivityLog, memoryActivity, sqlActivity } from './activity';
import type { StorageInfo } from './app';
import { type DemoData, memoryData, sqlData } from './data';
import { lockDataDir } from './lock';
import { loadReceiptKey, loadSecret } from './secret';

/** The demo's stores, where they live, and how to close them. */
export interface Storage {
  info: StorageInfo;
  stores: { store: PasskeyStore; challenges: ChallengeStore };
  data: DemoData;
  /** The users' recent security activity. */
  activity: ActivityLog;
  /** The passkey server's `secret` (see `loadSecret`). */
  secret: string;
  /** The key that signs step-up receipts (see `loadReceiptKey`). */
  receiptKey: JsonWebKey;
  close(): Promise<void>;
}

/**
 * Opens the storage the environment names:
 * - default: embedded PostgreSQL (PGlite) in `DEMO_DATA_DIR` (default `./.data`), which one
 *   process at a time may open (`demo.lock` in the folder holds its pid until `close()`);
 * - `DATABASE_URL`: a PostgreSQL server through node-postgres;
 * - `REDIS_URL`: ceremonies and receipt IDs in Redis instead;
 * - `DEMO_STORAGE=memory`: everything in memory.
 * Passkeys, accounts and orders share the database; sessions stay in memory. The passkey
 * server's secret and receipt key are `PASSKEY_SECRET` and `PASSKEY_RECEIPT_JWK`, or kept in the
 * data folder (`DEMO_DATA_DIR`).
 */
export async function openStorage(env: NodeJS.ProcessEnv): Promise<Storage> {
  if (env.DEMO_STORAGE === 'memory') {
    return {
      info: { kind: 'memory', label: 'in memory — restarts forget everything' },
      stores: { store: createMemoryPasskeyStore(), challenges: createMemoryChallengeStore() },
      data: memoryData(),
      activity: memoryActivity(),
      secret: await loadSecret(env, null),
      receiptKey: await loadReceiptKey(env, null),
      close: async () => {},
    };
  }

  const dir = path.resolve(env.DEMO_DATA_DIR || '.data');
  const closers: Array<() => Promise<unknown>> = [];
  let client: SqlClient;
  let info: StorageInfo;
  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL });
    pool.on('error', (err) => console.error('demo: PostgreSQL connection lost', err.message));
    closers.push(() => pool.end());
    client = fromPg(pool);
    info = {
      kind: 'postgres',
      label: 'PostgreSQL (DATABASE_URL) — passkeys, accounts and orders survive restarts; sessions do not',
    };
  } else {
    // One process per folder: a second demo on it would silently lose writes.
    const unlock = await lockDataDir(dir);
    let db: PGlite;
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      db = await PGlite.create(dir);
    } catch (err) {
      await unlock();
      throw err;
    }
    closers.push(
      () => db.close(),
      () => unlock(),
    );
    client = fromPGlite(db);
    info = {
      kind: 'pglite',
      label: 'PGlite (embedded PostgreSQL) — passkeys, accounts and orders survive restarts; sessions do not',
      location: dir,
    };
  }

  try {
    const postgres = createPostgresStores({ client });
    await postgres.migrate();
    const stopCleanup = postgres.startCleanup({
      onError: (err) => console.error('demo: challenge cleanup failed', err),
    });
    closers.unshift(async () => stopCleanup());
    let challenges = postgres.challenges;
    if (env.REDIS_URL) {
      const { Redis } = await import('ioredis');
      const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
      closers.unshift(() => redis.quit());
      challenges = createRedisChallengeStore({ client: redis, prefix: 'passkey-demo:challenge:' });
      info = { ...info, label: `${info.label}; ceremonies in Redis (REDIS_URL)` };
    }
    const data = await sqlData(client);
    return {
      info,
      stores: { store: postgres.store, challenges },
      data,
      activity: await sqlActivity(client),
      secret: await loadSecret(env, dir),
      receiptKey: await loadReceiptKey(env, dir),
      close: async () => {
        for (const close of closers) await close().catch((err) => console.error('demo: close failed', err));
      },
    };
  } catch (err) {
    for (const close of closers) await close().catch(() => {});
    throw err;
  }
}
