import { guarded } from './errors';
import { MIGRATIONS } from './migrations.generated';
import { renderMigration, splitStatements, type TableNames } from './names';
import type { SqlClient } from './sql-client';

/**
 * Applies the migrations not yet recorded in the instance's migrations table, in one
 * transaction. A transaction-scoped advisory lock (`pg_advisory_xact_lock`) makes concurrent
 * runs, from any number of processes, queue: the first applies, the others then find nothing
 * left to do. Idempotent; creates the schema when it does not exist.
 */
export function migrate(client: SqlClient, names: TableNames): Promise<void> {
  return guarded('migrate', () =>
    client.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
        'acme-passkey:migrate',
        names.lockNamespace,
      ]);
      const schema = await tx.query('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [names.schema]);
      // Only when missing: `CREATE SCHEMA IF NOT EXISTS` would need the CREATE privilege even for `public`.
      if (schema.rows.length === 0) await tx.query(`CREATE SCHEMA "${names.schema}"`);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${names.migrations} (
          version integer PRIMARY KEY,
          file text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
      const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${names.migrations}`);
      const applied = new Set(rows.map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        for (const statement of splitStatements(renderMigration(m.sql, names))) await tx.query(statement);
        await tx.query(`INSERT INTO ${names.migrations} (version, file) VALUES ($1, $2)`, [
          m.version,
          m.file,
        ]);
      }
    }),
  );
}
