/**
 * The schema, as Kysely migrations run by its `Migrator`: each migration is applied once, in
 * order, recorded in `kysely_migration`, under Kysely's migration lock, so instances that start
 * at once do not run one twice. A change is a new migration; a released one is never edited.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';

const migrations: Record<string, Migration> = {
  '001_passkeys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('passkeys')
        // Compared and ordered byte by byte: scan() pages in code-unit order on the primary key.
        .addColumn('id', sql`text collate "C"`, (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_handle', 'text', (c) => c.notNull())
        .addColumn('public_key', 'bytea', (c) => c.notNull())
        .addColumn('algorithm', 'integer', (c) => c.notNull())
        .addColumn('counter', 'bigint', (c) => c.notNull().check(sql`counter between 0 and 4294967295`))
        .addColumn('transports', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('device_type', 'text', (c) =>
          c.notNull().check(sql`device_type in ('singleDevice', 'multiDevice')`),
        )
        .addColumn('backed_up', 'boolean', (c) => c.notNull())
        .addColumn('aaguid', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('attachment', 'text', (c) => c.check(sql`attachment in ('platform', 'cross-platform')`))
        .addColumn('user_verified', 'boolean', (c) => c.notNull())
        .addColumn('prf', 'boolean', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_used_at', 'timestamptz')
        .execute();
      // listByUser (oldest first) and the per-user count of create().
      await db.schema
        .createIndex('passkeys_user_idx')
        .on('passkeys')
        .columns(['user_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('passkey_user_locks')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('passkey_challenges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('passkey_challenges_expires_idx')
        .on('passkey_challenges')
        .column('expires_at')
        .execute();
    },
  },
};

/**
 * Applies the migrations not yet applied. `db` may be scoped to a schema (`db.withSchema(name)`);
 * pass the same name as `schema` so that Kysely keeps its migration tables there too.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Kysely passkey store: migration ${failed} failed`, { cause: error });
  }
}
