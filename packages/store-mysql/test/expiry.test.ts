/**
 * Abandoned ceremonies expire from MySQL / MariaDB: started through the real server and never
 * finished, their rows are gone after `cleanup()` (in batches) once their TTL passed on the
 * database's clock, and the rows of ceremonies still alive stay. `pnpm memory` runs it with 100,000.
 */
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CEREMONIES } from '../../server/test/memory/abandoned';
import { expectAbandonedToExpire } from '../../server/test/memory/expiry';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { probeMysql } from './services';

const mysqlServer = await probeMysql();

describe.skipIf(mysqlServer.skip)(`abandoned ceremonies on ${mysqlServer.url}`, () => {
  let db: TestDatabase;
  let pool: mysql.Pool;
  let stores: Awaited<ReturnType<typeof freshStores>>;

  beforeAll(async () => {
    mysqlServer.assertReachable();
    db = await createTestDatabase();
    pool = db.pool({ connectionLimit: 16 });
    stores = await freshStores(pool);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });

  it(`${CEREMONIES} started and never finished: cleanup() removes every row once their TTL passed`, async () => {
    await expectAbandonedToExpire({
      label: 'mysql',
      stores,
      cleanup: () => stores.cleanup(),
      count: async () => {
        const [rows] = await pool.query(`SELECT COUNT(*) AS n FROM \`${stores.prefix}challenges\``);
        return Number((rows as { n: number }[])[0]?.n);
      },
    });
  }, 600_000);
});
