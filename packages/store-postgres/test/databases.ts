/** Test databases: one PGlite per test file, and fresh schemas on the shared server. */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStores, fromPGlite, fromPg, type PostgresStores, type SqlClient } from '../src/index';
import { POSTGRES_URL } from './services';

/** A schema name no other run uses: `pk_<random>`. */
export const uniqueSchema = () => `pk_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** A pool on the shared server (errors of idle connections are expected in fault tests). */
export function serverPool(config: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 10, ...config });
  pool.on('error', () => {});
  return pool;
}

/** Migrated stores in a new schema; `close()` drops the schema. */
export async function freshStores(
  client: SqlClient,
  options: { schema?: string; tablePrefix?: string } = {},
): Promise<PostgresStores & { schema: string; close(): Promise<void> }> {
  const schema = options.schema ?? uniqueSchema();
  const stores = createPostgresStores({ client, schema, tablePrefix: options.tablePrefix });
  await stores.migrate();
  return {
    ...stores,
    schema,
    close: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** One in-memory PGlite (cold start of a few seconds: share it within a file and close it). */
export async function openPGlite(): Promise<{ db: PGlite; client: SqlClient }> {
  const db = await PGlite.create();
  return { db, client: fromPGlite(db) };
}

/** A pool on the shared server and its client. */
export function openServer(config: pg.PoolConfig = {}): { pool: pg.Pool; client: SqlClient } {
  const pool = serverPool(config);
  return { pool, client: fromPg(pool) };
}
