/**
 * The PostgreSQL server the tests run on (PASSKEY_TEST_DATABASE_URL, default the machine's), and
 * fresh, migrated stores in a schema of their own. Unreachable: the tests are skipped with the
 * reason, or fail with PASSKEY_REQUIRE_SERVICES=1.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import {
  createKyselyChallengeStore,
  createKyselyPasskeyStore,
  migrateToLatest,
  type PasskeyDatabase,
} from '../src/index';

export const POSTGRES_URL =
  process.env.PASSKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** null when the server answers, else why not. */
export async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether to skip (unreachable and not required), printing why. */
export function shouldSkip(problem: string | null): boolean {
  if (problem === null || process.env.PASSKEY_REQUIRE_SERVICES === '1') return false;
  console.warn(
    `[kysely-store] SKIPPED: PostgreSQL server tests, ${POSTGRES_URL} is unreachable (${problem}). ` +
      'Start it, point PASSKEY_TEST_DATABASE_URL at one, or set PASSKEY_REQUIRE_SERVICES=1 to fail instead.',
  );
  return true;
}

/** One Kysely (and its pool) on the server, for a test file. */
export function openDatabase(): Kysely<PasskeyDatabase> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 20 });
  pool.on('error', () => {});
  return new Kysely<PasskeyDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Migrated stores in a new schema `ky_<random>`; `close()` drops it. */
export async function freshStores(db: Kysely<PasskeyDatabase>) {
  const schema = `ky_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await db.schema.createSchema(schema).execute();
  const scoped = db.withSchema(schema);
  await migrateToLatest(scoped, { schema });
  return {
    schema,
    store: createKyselyPasskeyStore(scoped),
    challenges: createKyselyChallengeStore(scoped),
    close: async () => {
      await db.schema.dropSchema(schema).ifExists().cascade().execute();
    },
  };
}
