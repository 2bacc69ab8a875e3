/**
 * @acme/passkey-store-mysql — `PasskeyStore` and `ChallengeStore` on MySQL and MariaDB (in
 * SQL that TiDB and PlanetScale run too) through mysql2, with versioned SQL migrations.
 * @packageDocumentation
 */

/** Options of `startCleanup`: the interval and where a failed run is reported. */
export type { CleanupOptions } from './challenge-store';
/** Creates the stores (`store`, `challenges`, `migrate`, `cleanup`, `startCleanup`) over a mysql2 pool. */
export { createMysqlStores, type MysqlStores, type MysqlStoresOptions } from './create-mysql-stores';
/** The migrations that `migrate()` applies, the same text as the shipped `migrations/*.sql`. */
export { MIGRATIONS, type Migration } from './migrations.generated';
/** The part of a mysql2/promise pool the stores use. */
export type { MysqlConnectionLike, MysqlPoolLike, MysqlQueryOptions } from './sql-client';
