/**
 * A PostgreSQL database of its own for one harness run, on the machine's server
 * (127.0.0.1:5432 unless `LOAD_PG_URL` names another admin connection), dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The admin connection: any database on the server that the harness may `CREATE DATABASE` from. */
const ADMIN_URL = process.env.LOAD_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The `application_name` of the harness's own connections. */
export const HARNESS_APPLICATION = 'passkey-harness';

/** A database made for one run: its URL for the demo, a small pool for the checks, and `drop()`. */
export interface ScratchDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  /** Closes the pool and drops the database, ending any connection still on it. */
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL}: ${(err as Error).message}`);
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `passkey_<label>_<random>`; the name is ours, so quoting it is safe. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `passkey_${label}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Named, so that a harness can tell its own connections from the demo's in pg_stat_activity.
  const pool = new pg.Pool({ connectionString: url.href, max: 4, application_name: HARNESS_APPLICATION });
  let dropped = false;
  return {
    name,
    url: url.href,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => {});
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
