/**
 * Abandoned ceremonies expire from PostgreSQL: started through the real server and never
 * finished, their rows are gone after `cleanup()` once their TTL passed on the database's clock,
 * and the rows of ceremonies still alive stay. `pnpm memory` runs it with 100,000.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CEREMONIES } from '../../server/test/memory/abandoned';
import { expectAbandonedToExpire } from '../../server/test/memory/expiry';
import { freshStores, openServer } from './databases';
import { probePostgres } from './services';

const postgres = await probePostgres();

describe.skipIf(postgres.skip)(`abandoned ceremonies on the PostgreSQL server (${postgres.url})`, () => {
  let pool: pg.Pool;
  let stores: Awaited<ReturnType<typeof freshStores>>;

  beforeAll(async () => {
    postgres.assertReachable();
    const opened = openServer({ max: 16 });
    pool = opened.pool;
    stores = await freshStores(opened.client);
  });
  afterAll(async () => {
    await stores?.close();
    await pool?.end();
  });

  it(`${CEREMONIES} started and never finished: cleanup() removes every row once their TTL passed`, async () => {
    await expectAbandonedToExpire({
      label: 'postgres',
      stores,
      cleanup: () => stores.cleanup(),
      count: async () => {
        const sql = `SELECT count(*)::int AS n FROM "${stores.schema}".passkey_challenges`;
        return (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? Number.NaN;
      },
    });
  }, 600_000);
});
