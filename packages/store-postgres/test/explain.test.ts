/**
 * Every lookup of a ceremony is an index lookup, and every page of a scan a range of the primary
 * key read in order: EXPLAIN the stores' own statements over
 * 2,000 credentials of 400 users and 2,000 challenges, after ANALYZE, with the planner left
 * free to choose (no `enable_seqscan = off`).
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableNames } from '../src/names';
import type { SqlClient } from '../src/sql-client';
import { statements } from '../src/statements';
import { freshStores, openPGlite, openServer } from './databases';
import { probePostgres } from './services';

const ROWS = 2000;
const INDEX_LOOKUP = /Index Scan|Index Only Scan|Bitmap Index Scan/;

/** The statement of each operation and a parameter list that matches a stored row. */
function lookups(sql: ReturnType<typeof statements>): [string, string, unknown[]][] {
  return [
    ['get', sql.get, ['cred-1234']],
    ['listByUser', sql.listByUser, ['user-17']],
    ['create: exists', sql.exists, ['cred-1234']],
    ['create: count', sql.countByUser, ['user-17']],
    ['recordUse', sql.recordUse, ['cred-1234', 3, 4, true, new Date().toISOString()]],
    ['rename', sql.rename, ['user-17', 'cred-1234', 'Laptop']],
    ['remove', sql.remove, ['user-17', 'cred-1234']],
    ['take', sql.take, ['ch-1234']],
    ['scan: first page', sql.scanFirst, [100]],
    ['scan: next page', sql.scanAfter, ['cred-1234', 100]],
  ];
}

async function seed(client: SqlClient, schema: string): Promise<ReturnType<typeof statements>> {
  const names = tableNames(schema);
  await client.query(
    `INSERT INTO ${names.credentials}
       (id, user_id, user_handle, public_key, algorithm, counter, transports, device_type, backed_up,
        aaguid, name, attachment, created_at, last_used_at)
     SELECT 'cred-' || i, 'user-' || (i % 400), 'handle-' || (i % 400), decode(md5(i::text), 'hex'), -7, i,
            ARRAY['internal', 'hybrid'], 'multiDevice', true, '00000000-0000-0000-0000-000000000000',
            'Passkey ' || i, 'platform', now() - i * interval '1 minute', NULL
       FROM generate_series(1, ${ROWS}) AS i`,
  );
  await client.query(
    `INSERT INTO ${names.challenges} (id, record, expires_at)
     SELECT 'ch-' || i, jsonb_build_object('expiresAt', i, 'kind', 'authentication'),
            now() + i * interval '1 second'
       FROM generate_series(1, ${ROWS}) AS i`,
  );
  await client.query(`ANALYZE ${names.credentials}`);
  await client.query(`ANALYZE ${names.challenges}`);
  return statements(names);
}

function explainSuite(engine: string, open: () => Promise<{ client: SqlClient; close(): Promise<void> }>) {
  let client: SqlClient;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ client, close } = await open());
  });
  afterAll(async () => {
    await close?.();
  });

  it(`${engine}: plans every ceremony lookup as an index lookup`, async () => {
    const stores = await freshStores(client);
    try {
      const sql = await seed(client, stores.schema);
      const report: string[] = [];
      for (const [operation, statement, params] of lookups(sql)) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement}`, params);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, operation).toMatch(INDEX_LOOKUP);
        expect(plan, operation).not.toMatch(/Seq Scan/);
        // A scan page is read in index order: a range of the primary key, never a sort of the table.
        if (operation.startsWith('scan')) {
          expect(plan, operation).toMatch(/Index Scan using passkey_credentials_pkey/);
          expect(plan, operation).not.toMatch(/Sort/);
        }
        const scan = plan.split('\n').find((line) => INDEX_LOOKUP.test(line)) ?? '';
        report.push(`  ${operation}: ${scan.replace(/^[\s>-]+/, '').replace(/\s+\(cost.*$/, '')}`);
      }
      console.log(`EXPLAIN on ${engine} (${ROWS} credentials, ${ROWS} challenges):\n${report.join('\n')}`);
    } finally {
      await stores.close();
    }
  });
}

describe('EXPLAIN on PGlite', () => {
  explainSuite('PGlite', async () => {
    const { db, client }: { db: PGlite; client: SqlClient } = await openPGlite();
    return { client, close: () => db.close() };
  });
});

const server = await probePostgres();

describe.skipIf(server.skip)(`EXPLAIN on the PostgreSQL server (${server.url})`, () => {
  beforeAll(() => server.assertReachable());
  explainSuite('server', async () => {
    const { pool, client } = openServer();
    return { client, close: () => pool.end() };
  });
});
