import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEmbeddedMigrations } from '../../../test/support/sql-store-checks';
import { createMysqlStores, MIGRATIONS } from '../src/index';
import { tableNames } from '../src/names';
import { statements } from '../src/statements';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './databases';
import { probeMysql } from './services';

const dir = new URL('../migrations/', import.meta.url);
const pool = { getConnection: async () => ({}) as never };

describe('migration files', () => {
  it('are embedded in the code byte for byte, in version order', () => {
    expectEmbeddedMigrations(MIGRATIONS, dir);
  });

  it('use no placeholder other than {{prefix}}, and create tables only if they do not exist', () => {
    for (const m of MIGRATIONS) {
      expect(m.sql.replaceAll('{{prefix}}', '')).not.toMatch(/\{\{|\}\}/);
      expect(m.sql).not.toMatch(/CREATE\s+TABLE\s+(?!IF NOT EXISTS)/i);
    }
  });

  it('keep to SQL that MySQL, MariaDB, TiDB and PlanetScale all run', () => {
    const sql = [...MIGRATIONS.map((m) => m.sql), ...Object.values(statements(tableNames()))]
      .join('\n')
      .replace(/--.*$/gm, '');
    for (const construct of [
      /FOREIGN\s+KEY|REFERENCES/i,
      /TRIGGER|PROCEDURE|FUNCTION/i,
      /RETURNING/i,
      /=\s*VALUES\s*\(/i, // VALUES() in an upsert: deprecated by MySQL 8.0.20
      /\bJSON\b\s+(NOT\s+)?NULL/i, // a JSON column reads differently on MySQL and MariaDB
      /\bTIMESTAMP\b/i, // converted through the session time zone
    ]) {
      expect(sql).not.toMatch(construct);
    }
  });
});

describe('options', () => {
  it('refuses a table prefix that is not a plain lowercase identifier', () => {
    for (const bad of [
      'Passkey_',
      'a-b',
      'a`b',
      '1abc',
      'x'.repeat(42),
      'a b',
      'é',
      'a;drop',
      null,
      42,
      {},
    ]) {
      expect(() => createMysqlStores({ pool, tablePrefix: bad as string })).toThrow(TypeError);
    }
    for (const good of ['', 'a', '_x', 'pk_1', 'x'.repeat(41)]) {
      expect(() => createMysqlStores({ pool, tablePrefix: good })).not.toThrow();
    }
  });

  it('refuses a timeout that is not a positive integer and a pool without getConnection', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expect(() => createMysqlStores({ pool, queryTimeoutMs: bad as number })).toThrow(TypeError);
    }
    for (const bad of [null, undefined, {}, { query: () => {} }]) {
      expect(() => createMysqlStores({ pool: bad as never })).toThrow(TypeError);
    }
  });
});

const server = await probeMysql();

describe.skipIf(server.skip)(`migrate() on ${server.url}`, () => {
  let db: TestDatabase;
  let admin: mysql.Pool;
  const tablesOf = async (prefix: string) => {
    const [rows] = await admin.query(
      'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY 1',
      [db.name],
    );
    return (rows as { t: string }[]).map((r) => r.t).filter((t) => t.startsWith(prefix));
  };
  const versions = async (prefix: string) => {
    const [rows] = await admin.query(`SELECT version FROM \`${prefix}migrations\` ORDER BY 1`);
    return (rows as { version: number }[]).map((r) => r.version);
  };
  const all = (prefix: string) =>
    ['challenges', 'credentials', 'migrations', 'user_locks'].map((t) => `${prefix}${t}`);

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    admin = db.pool({ connectionLimit: 2 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates the tables once however often it runs, and releases its lock', async () => {
    const prefix = uniquePrefix();
    const stores = createMysqlStores({ pool: admin, tablePrefix: prefix });
    for (let i = 0; i < 3; i++) await stores.migrate();
    await Promise.all([stores.migrate(), stores.migrate()]);
    expect(await tablesOf(prefix)).toEqual(all(prefix));
    expect(await versions(prefix)).toEqual(MIGRATIONS.map((m) => m.version));
    const [free] = await admin.query(
      "SELECT IS_FREE_LOCK(CONCAT('acme-passkey:', SHA1(CONCAT(DATABASE(), '.', ?)))) AS free",
      [prefix],
    );
    expect((free as { free: number }[])[0]?.free).toBe(1);
  });

  it('runs from 4 pools at once, each with one connection: no error, one set of tables', async () => {
    const prefix = uniquePrefix();
    const pools = Array.from({ length: 4 }, () => db.pool({ connectionLimit: 1 }));
    const instances = pools.map((p) => createMysqlStores({ pool: p, tablePrefix: prefix }));
    await Promise.all(instances.map((s) => s.migrate()));
    expect(await tablesOf(prefix)).toEqual(all(prefix));
    expect(await versions(prefix)).toEqual(MIGRATIONS.map((m) => m.version));
    await Promise.all(instances.map((s) => s.migrate()));
    expect(await versions(prefix)).toEqual(MIGRATIONS.map((m) => m.version));
    await Promise.all(pools.map((p) => p.end()));
  });

  it('finishes a run that failed half way (MySQL commits each DDL statement at once)', async () => {
    const prefix = uniquePrefix();
    const stores = createMysqlStores({ pool: admin, tablePrefix: prefix });
    await stores.migrate();
    // As if the process died after 001's first statement: one table there, no version recorded.
    await admin.query(`DROP TABLE \`${prefix}challenges\`, \`${prefix}user_locks\``);
    await admin.query(`DELETE FROM \`${prefix}migrations\``);
    await stores.migrate();
    expect(await tablesOf(prefix)).toEqual(all(prefix));
    expect(await versions(prefix)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('keeps instances with other prefixes in one database apart, an empty prefix included', async () => {
    await createMysqlStores({ pool: admin, tablePrefix: '' }).migrate();
    await createMysqlStores({ pool: admin, tablePrefix: 'b_' }).migrate();
    expect(await tablesOf('')).toEqual(expect.arrayContaining([...all(''), ...all('b_')]));
    expect((await tablesOf('')).filter((t) => !t.startsWith('t'))).toEqual([...all('b_'), ...all('')].sort());
  });

  it('stores IDs as bytes (VARBINARY), times as DATETIME(3), on a server of a supported version', async () => {
    const prefix = uniquePrefix();
    await createMysqlStores({ pool: admin, tablePrefix: prefix }).migrate();
    const [rows] = await admin.query(
      `SELECT table_name AS t, column_name AS c, column_type AS type FROM information_schema.columns
        WHERE table_schema = ? AND table_name LIKE ? AND column_name IN ('id', 'user_id', 'created_at', 'expires_at')
        ORDER BY 1, 2`,
      [db.name, `${prefix}%`],
    );
    expect(
      (rows as { t: string; c: string; type: string }[]).map(
        (r) => `${r.t.slice(prefix.length)}.${r.c}: ${r.type}`,
      ),
    ).toEqual([
      'challenges.expires_at: datetime(3)',
      'challenges.id: varbinary(255)',
      'credentials.created_at: datetime(3)',
      'credentials.id: varbinary(1536)',
      'credentials.user_id: varbinary(1024)',
      'user_locks.user_id: varbinary(1024)',
    ]);
    const [version] = await admin.query('SELECT VERSION() AS v');
    const v = (version as { v: string }[])[0]?.v ?? '';
    const [major = 0, minor = 0] = v.split('.').map(Number);
    expect(v.includes('MariaDB') ? major * 100 + minor >= 1011 : major >= 8, v).toBe(true);
  });
});
