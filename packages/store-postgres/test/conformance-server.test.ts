import { describeStoreConformance } from '@acme/passkey-core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { SqlClient } from '../src/index';
import { freshStores, openServer } from './databases';
import { probePostgres } from './services';

const server = await probePostgres();

describe.skipIf(server.skip)(`PostgreSQL server (${server.url})`, () => {
  let pool: pg.Pool;
  let client: SqlClient;

  beforeAll(() => {
    server.assertReachable();
    ({ pool, client } = openServer({ max: 20 }));
  });
  afterAll(async () => {
    await pool?.end();
  });

  // Every makeStores call: a new schema pk_<random>, dropped by close().
  describeStoreConformance('PostgreSQL server', () => freshStores(client));
});
