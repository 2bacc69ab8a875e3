import type { ChallengeStore, PasskeyStore } from '@acme/passkey-core';
import {
  type CleanupOptions,
  cleanupChallenges,
  postgresChallengeStore,
  scheduleCleanup,
} from './challenge-store';
import { migrate } from './migrate';
import { tableNames } from './names';
import { postgresPasskeyStore } from './passkey-store';
import type { SqlClient } from './sql-client';
import { statements } from './statements';

/** Options of {@link createPostgresStores}. */
export interface PostgresStoresOptions {
  /** The engine: `fromPg(pool)`, `fromPGlite(db)`, or your own {@link SqlClient}. */
  client: SqlClient;
  /** Schema of the tables (created by `migrate` when missing). Default `public`. */
  schema?: string;
  /** Prefix of the table names (`<prefix>credentials`, …). Default `passkey_`; may be empty. */
  tablePrefix?: string;
}

/** What {@link createPostgresStores} returns. */
export interface PostgresStores {
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
 * A `PasskeyStore` and a `ChallengeStore` on PostgreSQL (a server, a cluster, or PGlite).
 * They hold no state in process memory: every call is a statement or a transaction, so any
 * number of server processes can share one database. Names are validated at once.
 *
 * @example
 * const { store, challenges, migrate } = createPostgresStores({ client: fromPg(pool) });
 * await migrate();
 * const passkeys = createPasskeyServer({ rp, origins, store, challenges });
 */
export function createPostgresStores(options: PostgresStoresOptions): PostgresStores {
  const { client } = options;
  const names = tableNames(options.schema, options.tablePrefix);
  const sql = statements(names);
  const cleanup = () => cleanupChallenges(client, sql);
  return {
    store: postgresPasskeyStore(client, names, sql),
    challenges: postgresChallengeStore(client, sql),
    migrate: () => migrate(client, names),
    cleanup,
    startCleanup: (cleanupOptions) => scheduleCleanup(cleanup, cleanupOptions),
  };
}
