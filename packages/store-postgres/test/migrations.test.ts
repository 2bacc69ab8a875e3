import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEmbeddedMigrations } from '../../../test/support/sql-store-checks';
import { createPostgresStores, fromPg, MIGRATIONS, type SqlClient } from '../src/index';
import { openPGlite, serverPool, uniqueSchema } from './databases';
import { probePostgres } from './services';

const dir = new URL('../migrations/', import.meta.url);

async function tablesOf(client: SqlClient, schema: string): Promise<string[]> {
  const sql = 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1';
  return (await client.query<{ table_name: string }>(sql, [schema])).rows.map((r) => r.table_name);
}

const versions = async (client: SqlClient, schema: string, prefix = 'passkey_') =>
  (
    await client.query<{ version: number }>(
      `SELECT version FROM "${schema}"."${prefix}migrations" ORDER BY 1`,
    )
  ).rows.map((r) => r.version);

describe('migration files', () => {
  it('are embedded in the code byte for byte, in version order', () => {
    expectEmbeddedMigrations(MIGRATIONS, dir);
  });

  it('use no placeholder other than {{schema}} and {{prefix}}', () => {
    for (const m of MIGRATIONS) {
      const rest = m.sql.replaceAll('{{schema}}', '').replaceAll('{{prefix}}', '');
      expect(rest).not.toMatch(/\{\{|\}\}/);
    }
  });
});

describe('names', () => {
  it('refuses a schema or prefix that is not a plain lowercase identifier', () => {
    const client = { query: async () => ({ rows: [] }), transaction: async () => undefined as never };
    for (const bad of ['Public', 'a-b', 'a"b', '1abc', 'x'.repeat(42), 'a b', 'é', 'a;drop', null, 42]) {
      expect(() => createPostgresStores({ client, schema: bad as string })).toThrow(TypeError);
      expect(() => createPostgresStores({ client, tablePrefix: bad as string })).toThrow(TypeError);
    }
    expect(() => createPostgresStores({ client, schema: '' })).toThrow(TypeError);
    for (const good of ['a', '_x', 'pk_1', 'x'.repeat(41)]) {
      expect(() => createPostgresStores({ client, schema: good, tablePrefix: good })).not.toThrow();
    }
    expect(() => createPostgresStores({ client, tablePrefix: '' })).not.toThrow();
  });
});

describe('migrate() on PGlite (PostgreSQL 18 in WebAssembly)', () => {
  let db: PGlite;
  let client: SqlClient;
  beforeAll(async () => {
    ({ db, client } = await openPGlite());
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates the schema and tables once, however often it runs', async () => {
    const schema = uniqueSchema();
    const stores = createPostgresStores({ client, schema });
    for (let i = 0; i < 3; i++) await stores.migrate();
    await Promise.all([stores.migrate(), stores.migrate()]);
    expect(await tablesOf(client, schema)).toEqual([
      'passkey_challenges',
      'passkey_credentials',
      'passkey_migrations',
    ]);
    expect(await versions(client, schema)).toEqual(MIGRATIONS.map((m) => m.version));
    const { rows } = await client.query<{ v: number }>(
      "SELECT current_setting('server_version_num')::int AS v",
    );
    expect(rows[0]?.v).toBeGreaterThanOrEqual(180000);
  });

  it('002 adds user_verified and prf to rows written under 001, as false', async () => {
    const schema = uniqueSchema();
    const names = { schema, prefix: 'passkey_' };
    const first = MIGRATIONS.find((m) => m.version === 1)!;
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(
      `CREATE TABLE "${schema}"."passkey_migrations" (version integer PRIMARY KEY, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const statement of first.sql
      .replaceAll('{{schema}}', names.schema)
      .replaceAll('{{prefix}}', names.prefix)
      .split(/;\s*$/m)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s !== '')) {
      await client.query(statement);
    }
    await client.query(`INSERT INTO "${schema}"."passkey_migrations" (version, file) VALUES (1, $1)`, [
      first.file,
    ]);
    await client.query(
      `INSERT INTO "${schema}"."passkey_credentials" (id, user_id, user_handle, public_key, algorithm, counter,
        transports, device_type, backed_up, aaguid, name, attachment, created_at, last_used_at)
       VALUES ('old', 'u1', 'h', '\\x01', -7, 3, '{usb}', 'singleDevice', false,
        '00000000-0000-0000-0000-000000000000', 'Old key', 'cross-platform', now(), NULL)`,
    );
    const stores = createPostgresStores({ client, schema });
    await stores.migrate();
    expect(await versions(client, schema)).toEqual(MIGRATIONS.map((m) => m.version));
    const old = await stores.store.get('old');
    expect(old).toMatchObject({ id: 'old', counter: 3, userVerified: false, prf: false });
    expect(old?.publicKey).toEqual(new Uint8Array([1]));
  });

  it('keeps instances with other prefixes in one schema apart, an empty prefix included', async () => {
    const schema = uniqueSchema();
    await createPostgresStores({ client, schema, tablePrefix: '' }).migrate();
    await createPostgresStores({ client, schema, tablePrefix: 'b_' }).migrate();
    expect(await tablesOf(client, schema)).toEqual([
      'b_challenges',
      'b_credentials',
      'b_migrations',
      'challenges',
      'credentials',
      'migrations',
    ]);
  });
});

const server = await probePostgres();

describe.skipIf(server.skip)(`migrate() on the PostgreSQL server (${server.url})`, () => {
  beforeAll(() => server.assertReachable());

  it('runs from 4 instances at once, each on its own connection: no error, one set of tables', async () => {
    const pools = Array.from({ length: 4 }, () => serverPool({ max: 1 }));
    const schema = uniqueSchema();
    try {
      const all = pools.map((pool) => createPostgresStores({ client: fromPg(pool), schema }));
      await Promise.all(all.map((s) => s.migrate()));
      const client = fromPg(pools[0]!);
      expect(await tablesOf(client, schema)).toEqual([
        'passkey_challenges',
        'passkey_credentials',
        'passkey_migrations',
      ]);
      expect(await versions(client, schema)).toEqual(MIGRATIONS.map((m) => m.version));
      const { rows } = await client.query<{ v: number }>(
        "SELECT current_setting('server_version_num')::int AS v",
      );
      expect(rows[0]?.v).toBeGreaterThanOrEqual(150000);
      await Promise.all(all.map((s) => s.migrate()));
      expect(await versions(client, schema)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await pools[0]!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
