/**
 * The PostgreSQL server the cross-store tests use, and one fresh schema per use, dropped after.
 * Unreachable: the tests are skipped with the reason printed, or fail with
 * PASSKEY_REQUIRE_SERVICES=1 (CI).
 */
import { createPostgresStores, fromPg, type PostgresStores } from '@acme/passkey-store-postgres';
import pg from 'pg';

export const POSTGRES_URL =
  process.env.PASSKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** Whether the server answers; `skip` when it does not and is not required. */
export async function probePostgres(): Promise<{ skip: boolean; problem: string | null }> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  let problem: string | null = null;
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    problem = err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => {});
  }
  if (problem !== null && !required) {
    console.warn(`[transfer] SKIPPED: PostgreSQL server tests, ${POSTGRES_URL} is unreachable (${problem}).`);
  }
  if (problem !== null && required) throw new Error(`PostgreSQL is required but unreachable: ${problem}`);
  return { skip: problem !== null, problem };
}

/** A schema name no other run uses. */
export const uniqueSchema = () => `pk_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** Migrated stores in a new schema of the server; `close()` drops the schema and the pool. */
export async function serverStores(
  schema = uniqueSchema(),
): Promise<PostgresStores & { schema: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4 });
  pool.on('error', () => {});
  const stores = createPostgresStores({ client: fromPg(pool), schema });
  await stores.migrate();
  return {
    ...stores,
    schema,
    close: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}
