/**
 * @acme/passkey-store-postgres — `PasskeyStore` and `ChallengeStore` on PostgreSQL, through
 * node-postgres (a server or a cluster) or PGlite (embedded), with versioned SQL migrations.
 * @packageDocumentation
 */

/** Options of `startCleanup`: the interval and where a failed run is reported. */
export type { CleanupOptions } from './challenge-store';
/** Creates the stores (`store`, `challenges`, `migrate`, `cleanup`, `startCleanup`) over a {@link SqlClient}. */
export {
  createPostgresStores,
  type PostgresStores,
  type PostgresStoresOptions,
} from './create-postgres-stores';
/** The migrations that `migrate()` applies, the same text as the shipped `migrations/*.sql`. */
export { MIGRATIONS, type Migration } from './migrations.generated';
/** The SQL seam and its adapters for node-postgres and PGlite. */
export {
  fromPGlite,
  fromPg,
  type PGliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type SqlClient,
} from './sql-client';
