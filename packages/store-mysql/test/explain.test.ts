/**
 * Every lookup of a ceremony is a primary-key or index lookup: EXPLAIN the stores' own
 * statements over 2,000 credentials of 400 users and 2,000 challenges, after ANALYZE TABLE,
 * with the optimizer left free to choose (no index hints).
 */
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableNames } from '../src/names';
import { datetime } from '../src/rows';
import { fromPool } from '../src/sql-client';
import { statements } from '../src/statements';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { probeMysql } from './services';

const ROWS = 2000;

interface PlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  rows: number | string | null;
  Extra: string | null;
}

/** Each operation's statement, parameters that match a stored row, and the index it must use. */
function lookups(sql: ReturnType<typeof statements>): [string, string, unknown[], string][] {
  const cred = 'cred-1234';
  const user = 'user-17';
  return [
    ['get', sql.get, [cred], 'PRIMARY'],
    ['listByUser', sql.listByUser, [user], 'user_created'],
    // A range from the page's start, read in key order and stopped by LIMIT (the estimate ignores LIMIT).
    ['scan (next page)', sql.scanAfter, [cred, 50], 'PRIMARY'],
    ['create: lock', sql.lockUser, [user], 'PRIMARY'],
    ['create: exists', sql.exists, [cred], 'PRIMARY'],
    ['create: count', sql.countByUser, [user], 'user_created'],
    ['recordUse', sql.recordUse, [4, true, datetime(new Date()), cred, 3], 'PRIMARY'],
    ['rename', sql.rename, ['Laptop', cred, user], 'PRIMARY'],
    ['remove', sql.remove, [cred, user], 'PRIMARY'],
    ['take: lock', sql.takeLock, ['ch-1234'], 'PRIMARY'],
    ['take: delete', sql.takeDelete, ['ch-1234'], 'PRIMARY'],
  ];
}

async function seed(pool: mysql.Pool, prefix: string): Promise<ReturnType<typeof statements>> {
  const names = tableNames(prefix);
  const credentials = Array.from({ length: ROWS }, (_, i) => {
    const created = datetime(new Date(Date.UTC(2026, 0, 1) - i * 60_000)).toSqlString();
    return `('cred-${i}', 'user-${i % 400}', 'handle-${i % 400}', UNHEX(MD5('${i}')), -7, ${i}, '["internal","hybrid"]',
      'multiDevice', TRUE, '00000000-0000-0000-0000-000000000000', 'Passkey ${i}', 'platform', ${created}, NULL)`;
  });
  await pool.query(
    `INSERT INTO ${names.credentials} (id, user_id, user_handle, public_key, algorithm, counter, transports,
       device_type, backed_up, aaguid, name, attachment, created_at, last_used_at) VALUES ${credentials.join(', ')}`,
  );
  const locks = Array.from({ length: 400 }, (_, i) => `('user-${i}')`);
  await pool.query(`INSERT INTO ${names.userLocks} (user_id) VALUES ${locks.join(', ')}`);
  const challenges = Array.from(
    { length: ROWS },
    (_, i) => `('ch-${i}', '{"expiresAt":${i}}', UTC_TIMESTAMP(3) + INTERVAL ${i} SECOND)`,
  );
  await pool.query(
    `INSERT INTO ${names.challenges} (id, record, expires_at) VALUES ${challenges.join(', ')}`,
  );
  await pool.query(`ANALYZE TABLE ${names.credentials}, ${names.userLocks}, ${names.challenges}`);
  return statements(names);
}

const server = await probeMysql();

describe.skipIf(server.skip)(`EXPLAIN on ${server.url}`, () => {
  let db: TestDatabase;
  let pool: mysql.Pool;
  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    pool = db.pool();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('plans every ceremony lookup on the primary key or the user index, never a full scan', async () => {
    const stores = await freshStores(pool);
    const sql = await seed(pool, stores.prefix);
    const report: string[] = [];
    for (const [operation, statement, params, key] of lookups(sql)) {
      // Through the stores' own seam: the parameters go as the stores send them (text as bytes).
      const { rows: plan } = await fromPool(pool).query<PlanRow>(`EXPLAIN ${statement}`, params);
      expect(plan, operation).toHaveLength(1);
      const [step] = plan as [PlanRow];
      expect(step.type, operation).not.toBe('ALL');
      expect(step.type, operation).not.toBe('index');
      expect(step.key, operation).toBe(key);
      expect(step.Extra ?? '', operation).not.toMatch(/filesort|temporary/i);
      if (!operation.startsWith('scan')) expect(Number(step.rows), operation).toBeLessThanOrEqual(10);
      report.push(
        `  ${operation}: ${step.type} on ${step.key}, ${step.rows} row(s)${step.Extra ? `, ${step.Extra}` : ''}`,
      );
    }
    console.log(`EXPLAIN (${ROWS} credentials, ${ROWS} challenges):\n${report.join('\n')}`);
  });
});
