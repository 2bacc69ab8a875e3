import type { ChallengeStore, PasskeyStore } from '@acme/passkey-core';
import {
  type CleanupOptions,
  cleanupChallenges,
  mysqlChallengeStore,
  scheduleCleanup,
} from './challenge-store';
import { migrate } from './migrate';
import { tableNames } from './names';
import { mysqlPasskeyStore } from './passkey-store';
import { fromPool, type MysqlPoolLike } from './sql-client';
import { statements } from './statements';

/** Options of {@link createMysqlStores}. */
export interface MysqlStoresOptions {
  /** A mysql2/promise pool (`createPool` from `mysql2/promise`, or `pool.promise()`) on the database of the tables. */
  pool: MysqlPoolLike;
  /** Prefix of the table names (`<prefix>credentials`, …). Default `passkey_`; may be empty. */
  tablePrefix?: string;
  /**
   * Longest wait for one statement of a store call, in ms: past it the call fails with
   * `STORE_UNAVAILABLE` and its connection is destroyed (mysql2 pools have no such setting).
   * Default 10 000. `migrate` waits without a limit (DDL on a large table takes its time).
   */
  queryTimeoutMs?: number;
}

/** What {@link createMysqlStores} returns. */
export interface MysqlStores {
  store: PasskeyStore;
  challenges: ChallengeStore;
  /** Applies the pending migrations; idempotent, safe to run from several instances at once. */
  migrate(): Promise<void>;
  /** Deletes the challenges past their TTL; returns how many. */
  cleanup(): Promise<number>;
  /** Runs `cleanup` periodically on an unref'd timer; returns the function that stops it. */
  startCleanup(options?: CleanupOptions): () => void;
}

/**
 * A `PasskeyStore` and a `ChallengeStore` on MySQL 8, MariaDB 10.11, TiDB or PlanetScale.
 * They hold no state in process memory: every call is a statement or a transaction, so any
 * number of server processes can share one database. Options are validated at once.
 *
 * @example
 * import mysql from 'mysql2/promise';
 * const pool = mysql.createPool(process.env.DATABASE_URL);
 * const { store, challenges, migrate } = createMysqlStores({ pool });
 * await migrate();
 * const passkeys = createPasskeyServer({ rp, origins, store, challenges });
 */
export function createMysqlStores(options: MysqlStoresOptions): MysqlStores {
  const { pool, queryTimeoutMs = 10_000 } = options;
  const names = tableNames(options.tablePrefix);
  if (!Number.isSafeInteger(queryTimeoutMs) || queryTimeoutMs <= 0) {
    throw new TypeError(`queryTimeoutMs must be a positive integer, got ${queryTimeoutMs}`);
  }
  if (typeof pool?.getConnection !== 'function') {
    throw new TypeError('pool must be a mysql2/promise pool (or an object with getConnection())');
  }
  const client = fromPool(pool, { timeoutMs: queryTimeoutMs });
  const sql = statements(names);
  const cleanup = () => cleanupChallenges(client, sql);
  return {
    store: mysqlPasskeyStore(client, sql),
    challenges: mysqlChallengeStore(client, sql),
    migrate: () => migrate(fromPool(pool), names),
    cleanup,
    startCleanup: (cleanupOptions) => scheduleCleanup(cleanup, cleanupOptions),
  };
}
