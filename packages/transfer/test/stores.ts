/**
 * The stores the cross-store tests move passkeys between, each opened fresh (its own schema,
 * table prefix or database) and removed by `close()`: memory, PGlite, the PostgreSQL server and
 * the MySQL/MariaDB server. A server that cannot be reached is skipped with the reason printed,
 * or fails the run with PASSKEY_REQUIRE_SERVICES=1.
 */
import { createMemoryPasskeyStore, type PasskeyStore } from '@acme/passkey-core';
import { createMysqlStores } from '@acme/passkey-store-mysql';
import { createPostgresStores, fromPGlite } from '@acme/passkey-store-postgres';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import { probePostgres, serverStores, uniqueSchema } from './services';

export const MYSQL_URL = process.env.PASSKEY_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** An opened store and how to remove it. */
export interface OpenStore {
  store: PasskeyStore;
  close(): Promise<void>;
}

/** A kind of store: whether it can run here, and how to open a fresh one. */
export interface StoreKind {
  name: 'memory' | 'PGlite' | 'PostgreSQL' | 'MySQL';
  skip: boolean;
  open(): Promise<OpenStore>;
  /** Releases what the kind holds for the whole file (a PGlite instance, a database). */
  end(): Promise<void>;
}

async function probeMysql(): Promise<string | null> {
  try {
    const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await conn.end();
    return null;
  } catch (err) {
    const problem = err instanceof Error ? err.message || err.name : String(err);
    if (required) throw new Error(`MySQL is required but ${MYSQL_URL} is unreachable: ${problem}`);
    console.warn(`[transfer] SKIPPED: MySQL tests, ${MYSQL_URL} is unreachable (${problem}).`);
    return problem;
  }
}

/** Every kind, probed once. */
export async function storeKinds(): Promise<Record<StoreKind['name'], StoreKind>> {
  const [postgres, mysqlProblem] = await Promise.all([probePostgres(), probeMysql()]);
  let pglite: Promise<PGlite> | undefined;
  let database: { name: string; pool: mysql.Pool } | undefined;
  return {
    memory: {
      name: 'memory',
      skip: false,
      open: async () => ({ store: createMemoryPasskeyStore(), close: async () => {} }),
      end: async () => {},
    },
    PGlite: {
      name: 'PGlite',
      skip: false,
      async open() {
        pglite ??= PGlite.create();
        const db = await pglite;
        const schema = uniqueSchema();
        const stores = createPostgresStores({ client: fromPGlite(db), schema });
        await stores.migrate();
        return {
          store: stores.store,
          close: async () => void (await db.query(`DROP SCHEMA "${schema}" CASCADE`)),
        };
      },
      end: async () => (await pglite)?.close(),
    },
    PostgreSQL: { name: 'PostgreSQL', skip: postgres.skip, open: () => serverStores(), end: async () => {} },
    MySQL: {
      name: 'MySQL',
      skip: mysqlProblem !== null,
      async open() {
        if (database === undefined) {
          const name = `passkey_test_${uniqueSchema().slice(3)}`;
          const admin = await mysql.createConnection({ uri: MYSQL_URL });
          await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
          await admin.end();
          database = { name, pool: mysql.createPool({ uri: MYSQL_URL, database: name, connectionLimit: 4 }) };
        }
        const prefix = `t${uniqueSchema().slice(3, 15)}_`;
        const stores = createMysqlStores({ pool: database.pool, tablePrefix: prefix });
        await stores.migrate();
        return { store: stores.store, close: async () => {} }; // the database goes at the end
      },
      async end() {
        if (database === undefined) return;
        await database.pool.query(`DROP DATABASE IF EXISTS \`${database.name}\``);
        await database.pool.end();
      },
    },
  };
}
