/** Test databases: one `passkey_test_<random>` per test file, and fresh table prefixes within it. */
import mysql from 'mysql2/promise';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { MYSQL_URL } from './services';

const random = (n: number) => crypto.randomUUID().replaceAll('-', '').slice(0, n);

/** A table prefix no other instance uses: `t<random>_`. */
export const uniquePrefix = () => `t${random(12)}_`;

/** One database of its own, and pools on it. */
export interface TestDatabase {
  name: string;
  /** A pool on this database, with no error listener of its own: the stores need none. */
  pool(options?: mysql.PoolOptions): mysql.Pool;
  /** Ends every pool it made and drops the database. */
  drop(): Promise<void>;
}

/** Creates `passkey_test_<random>` on the shared server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `passkey_test_${random(16)}`;
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  const pools: mysql.Pool[] = [];
  return {
    name,
    pool(options = {}) {
      const pool = mysql.createPool({ uri: MYSQL_URL, database: name, connectionLimit: 10, ...options });
      pools.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(pools.map((p) => p.end().catch(() => {})));
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/** Migrated stores under a new prefix; `close()` drops their tables. */
export async function freshStores(
  pool: mysql.Pool,
  options: { tablePrefix?: string } = {},
): Promise<MysqlStores & { prefix: string; close(): Promise<void> }> {
  const prefix = options.tablePrefix ?? uniquePrefix();
  const stores = createMysqlStores({ pool, tablePrefix: prefix });
  await stores.migrate();
  return {
    ...stores,
    prefix,
    close: async () => {
      const tables = ['credentials', 'user_locks', 'challenges', 'migrations'].map(
        (t) => `\`${prefix}${t}\``,
      );
      await pool.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
    },
  };
}
