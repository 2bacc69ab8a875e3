import type { PasskeyStore } from '@acme/passkey-core';
import { CliError, EXIT } from './cli-error';
import { load } from './load';

/** Where a store is: a URL, and the schema and table prefix given as flags (they win over the URL's). */
export interface StoreLocation {
  url: string;
  schema?: string | undefined;
  prefix?: string | undefined;
}

/** An opened store, ready to use, and how to release it. */
export interface OpenedStore {
  store: PasskeyStore;
  /** Applies the store's pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The location without its password, for messages. */
  label: string;
}

type PgModule = { default: { Pool: new (config: object) => PgPool } };
type PgPool = { on(event: 'error', fn: () => void): void; end(): Promise<void> } & object;
type PostgresStoreModule = typeof import('@acme/passkey-store-postgres');
type PGliteModule = { PGlite: { create(dataDir: string): Promise<PGliteDb> } };
type PGliteDb = Parameters<PostgresStoreModule['fromPGlite']>[0] & { close(): Promise<void> };
type MysqlModule = { createPool(config: { uri: string }): MysqlPool };
type MysqlPool = { end(): Promise<void> };
type MysqlStoreModule = {
  createMysqlStores(options: { pool: MysqlPool; tablePrefix?: string }): {
    store: PasskeyStore;
    migrate(): Promise<void>;
  };
};

const POSTGRES = '@acme/passkey-store-postgres';
const MYSQL = '@acme/passkey-store-mysql';

/**
 * Opens the store at `postgres://…` (or `postgresql://`; `?schema=` and `?prefix=` pick the
 * tables), `pglite:<data directory>`, or `mysql://…` (`?prefix=`), loading the packages that
 * store needs. A bad location is a usage error; a missing package says what to install.
 */
export async function openStore(location: StoreLocation): Promise<OpenedStore> {
  const { url } = location;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const named = <T>(make: () => T): T => {
    try {
      return make();
    } catch (err) {
      throw new CliError(`Bad store options: ${(err as Error).message}`, EXIT.usage);
    }
  };
  if (scheme === 'pglite') {
    const dir = url.slice('pglite:'.length);
    if (dir === '') throw new CliError('pglite: needs a data directory, e.g. pglite:./.data', EXIT.usage);
    const { PGlite } = await load<PGliteModule>(
      '@electric-sql/pglite',
      'A pglite: store',
      'npm install @electric-sql/pglite',
    );
    const pg = await load<PostgresStoreModule>(POSTGRES, 'A pglite: store', `npm install ${POSTGRES}`);
    const db = await PGlite.create(dir);
    const stores = named(() =>
      pg.createPostgresStores({
        client: pg.fromPGlite(db),
        schema: location.schema,
        tablePrefix: location.prefix,
      }),
    );
    return { store: stores.store, migrate: stores.migrate, close: () => db.close(), label: url };
  }
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'mysql') {
    const parsed = new URL(url);
    const schema = location.schema ?? parsed.searchParams.get('schema') ?? undefined;
    const prefix = location.prefix ?? parsed.searchParams.get('prefix') ?? undefined;
    for (const key of ['schema', 'prefix']) parsed.searchParams.delete(key);
    const label = `${scheme}://${parsed.host}${parsed.pathname}`;
    if (scheme === 'mysql') {
      if (schema !== undefined)
        throw new CliError('mysql: stores have no schema: the URL names the database', EXIT.usage);
      const mysql = await load<MysqlModule>(
        'mysql2/promise',
        'A mysql: store',
        `npm install ${MYSQL} mysql2`,
      );
      const my = await load<MysqlStoreModule>(MYSQL, 'A mysql: store', `npm install ${MYSQL} mysql2`);
      const pool = mysql.createPool({ uri: parsed.toString() });
      const stores = named(() =>
        my.createMysqlStores({ pool, ...(prefix === undefined ? {} : { tablePrefix: prefix }) }),
      );
      return { store: stores.store, migrate: stores.migrate, close: () => pool.end(), label };
    }
    const { default: pgDriver } = await load<PgModule>(
      'pg',
      'A postgres: store',
      `npm install ${POSTGRES} pg`,
    );
    const pg = await load<PostgresStoreModule>(POSTGRES, 'A postgres: store', `npm install ${POSTGRES} pg`);
    const pool = new pgDriver.Pool({
      connectionString: parsed.toString(),
      max: 4,
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', () => {}); // an idle connection lost: the next query reports it
    const client = pg.fromPg(pool as never);
    const stores = named(() => pg.createPostgresStores({ client, schema, tablePrefix: prefix }));
    return { store: stores.store, migrate: stores.migrate, close: () => pool.end(), label };
  }
  throw new CliError(
    `Unknown store location ${JSON.stringify(url.replace(/\/\/[^@/]*@/, '//…@'))}: use postgres://…, pglite:<directory> or mysql://…`,
    EXIT.usage,
  );
}
