import { guarded } from './errors';
import { MIGRATIONS } from './migrations.generated';
import { renderMigration, splitStatements, type TableNames } from './names';
import type { Query, SqlClient } from './sql-client';

/** How long `migrate` waits for another instance's run to finish, in seconds. */
const LOCK_WAIT_S = 60;

/**
 * The session lock's name: one per database and prefix, within MySQL's 64 characters whatever
 * the database's name.
 */
const LOCK_NAME = "CONCAT('acme-passkey:', SHA1(CONCAT(DATABASE(), '.', ?)))";

async function applyPending(query: Query, names: TableNames): Promise<void> {
  await query(
    `CREATE TABLE IF NOT EXISTS ${names.migrations} (
      version INT NOT NULL,
      file VARCHAR(255) NOT NULL,
      applied_at DATETIME(3) NOT NULL,
      PRIMARY KEY (version)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  );
  const { rows } = await query<{ version: number }>(`SELECT version FROM ${names.migrations}`);
  const applied = new Set(rows.map((r) => Number(r.version)));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    for (const statement of splitStatements(renderMigration(m.sql, names))) await query(statement);
    await query(
      `INSERT INTO ${names.migrations} (version, file, applied_at) VALUES (?, ?, UTC_TIMESTAMP(3))`,
      [m.version, m.file],
    );
  }
}

/**
 * Applies the migrations not yet recorded in the instance's migrations table, on one
 * connection holding a `GET_LOCK` session lock: concurrent runs, from any number of processes,
 * queue; the first applies, the others then find nothing left to do. MySQL commits DDL at once,
 * so a migration is not one transaction: each statement may run again after a partial failure
 * (`IF NOT EXISTS`), and its version is recorded only once all of them ran. A connection that
 * fails is destroyed, which releases the lock.
 */
export function migrate(client: SqlClient, names: TableNames): Promise<void> {
  return guarded('migrate', () =>
    client.session(async (query) => {
      const { rows } = await query<{ got: number | null }>(`SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`, [
        names.prefix,
        LOCK_WAIT_S,
      ]);
      if (Number(rows[0]?.got) !== 1) {
        throw new Error(
          `the migration lock was not granted within ${LOCK_WAIT_S} s (GET_LOCK: ${rows[0]?.got})`,
        );
      }
      await applyPending(query, names);
      await query(`SELECT RELEASE_LOCK(${LOCK_NAME}) AS released`, [names.prefix]);
    }),
  );
}
