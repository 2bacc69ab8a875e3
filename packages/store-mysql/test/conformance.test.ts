import { describeStoreConformance } from '@acme/passkey-core/testing';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { probeMysql } from './services';

const server = await probeMysql();

describe.skipIf(server.skip)(`MySQL / MariaDB server (${server.url})`, () => {
  let db: TestDatabase;
  let pool: mysql.Pool;

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    pool = db.pool({ connectionLimit: 20 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  // Every makeStores call: new tables under a prefix t<random>_ in this file's database, dropped by close().
  describeStoreConformance('MySQL / MariaDB', () => freshStores(pool));
});
