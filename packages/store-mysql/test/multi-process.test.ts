/**
 * The deployment that outgrows one process: 4 Node processes, each with its own
 * createPasskeyServer over one MySQL / MariaDB database (passkeys, ceremonies and receipt IDs
 * alike), driven with real WebAuthn responses from software authenticators.
 */
import type { PasskeyView } from '@acme/passkey-server';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type Worker } from '../../../test/support/multi-process/cluster';
import {
  codes,
  deploymentSecrets,
  finishRegistrationsAtOnce,
  replayLoginAtOnce,
  value,
  verifyReceiptEverywhere,
} from '../../../test/support/multi-process/deployment';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './databases';
import type { MysqlWorkerConfig } from './multi-process/worker';
import { MYSQL_URL, probeMysql } from './services';

const server = await probeMysql();

describe.skipIf(server.skip)('4 server processes over one MySQL / MariaDB database', () => {
  const prefix = uniquePrefix();
  let db: TestDatabase;
  let pool: mysql.Pool;
  let workers: Worker[];
  let stores: MysqlStores;
  /** Worker i mod 4: ceremonies start in one process and finish in the next. */
  const at = (i: number) => workers[i % workers.length]!;

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    pool = db.pool({ connectionLimit: 2 });
    stores = createMysqlStores({ pool, tablePrefix: prefix });
    workers = await startWorkers(4, new URL('./multi-process/worker.ts', import.meta.url), {
      ...(await deploymentSecrets()),
      mysqlUrl: MYSQL_URL,
      database: db.name,
      tablePrefix: prefix,
    } satisfies MysqlWorkerConfig);
  }, 120_000);

  afterAll(async () => {
    await Promise.all((workers ?? []).map((w) => w.stop()));
    await db?.drop();
  });

  it('runs 4 distinct processes, which migrated the shared database at once on start', async () => {
    expect(new Set(workers.map((w) => w.pid)).size).toBe(4);
    expect(workers.map((w) => w.pid)).not.toContain(process.pid);
    const [rows] = await pool.query(`SELECT version FROM \`${prefix}migrations\``);
    expect(rows).toHaveLength(1);
  });

  it('lets exactly 1 of 40 concurrent registration finishes land for a user holding 9 passkeys', async () => {
    const userId = `u-limit-${prefix}`;
    const outcomes = await finishRegistrationsAtOnce(at, userId, { held: 9, racers: 40 });
    expect(codes(outcomes)).toEqual([...Array(39).fill('PASSKEY_LIMIT_REACHED'), 'ok']);
    expect(await stores.store.listByUser(userId)).toHaveLength(10);
  });

  it('accepts one login response replayed 40 times across the 4 processes at once exactly once', async () => {
    const userId = `u-login-${prefix}`;
    type SignedIn = { userId: string; passkey: PasskeyView };
    const { auth, outcomes } = await replayLoginAtOnce<SignedIn>(at, userId, 40);
    expect(codes(outcomes)).toEqual([...Array(39).fill('CEREMONY_NOT_FOUND'), 'ok']);
    const winner = value(outcomes.find((o) => o.ok)!);
    expect(winner.userId).toBe(userId);
    expect((await stores.store.get(winner.passkey.id))?.counter).toBe(auth.credentials[0]?.counter);
  });

  it('verifies one step-up receipt exactly once across 4 processes at once', async () => {
    const outcomes = await verifyReceiptEverywhere(at, workers, `u-receipt-${prefix}`);
    expect(codes(outcomes)).toEqual(['RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'ok']);
  });
});
