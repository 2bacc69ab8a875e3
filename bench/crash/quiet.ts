/**
 * After a SIGKILL, PostgreSQL notices the dead connections and rolls their transactions back
 * on its own; the checks wait until the demo's sessions are gone, so they read settled data.
 */
import type pg from 'pg';
import { HARNESS_APPLICATION } from '../load/scratch-database';

const LEFT = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = $1 AND backend_type = 'client backend' AND application_name <> '${HARNESS_APPLICATION}'`;

/** Resolves once no session of the demo is left on `database` (10 s at most, then throws). */
export async function waitForQuiet(pool: pg.Pool, database: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(LEFT, [database]);
    if ((rows[0]?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`the demo's PostgreSQL sessions outlived it by 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
