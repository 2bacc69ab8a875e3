/**
 * The deployment that outgrows one process: 4 Node processes, each with its own
 * createPasskeyServer over one MySQL / MariaDB database (passkeys, ceremonies and receipt IDs
 * alike), driven with real WebAuthn responses from software authenticators.
 */
import type { PasskeyView } from '@acme/passkey-server';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { createTestDatabase, type TestDatabase, uniquePrefix } from './databases';
import { startWorkers, type Worker } from './multi-process/cluster';
import {
  authenticator,
  codes,
  deploymentConfig,
  ORIGIN,
  registerAcross,
  type Started,
  user,
  value,
} from './multi-process/deployment';
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
    workers = await startWorkers(4, await deploymentConfig(MYSQL_URL, db.name, prefix));
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
    for (let i = 0; i < 9; i++) await registerAcross(at(i), at(i + 1), userId);
    const started = await Promise.all(
      Array.from({ length: 40 }, async (_, i) =>
        value(
          await at(i).call<Started>('startRegistration', {
            user: user(userId),
            lastVerifiedAt: new Date(),
            lastVerifiedWith: 'passkey',
          }),
        ),
      ),
    );
    const inputs = await Promise.all(
      started.map(async ({ ceremonyId, options }) => ({
        ceremonyId,
        userId,
        response: await authenticator().create(options, { origin: ORIGIN }),
      })),
    );
    const outcomes = await Promise.all(inputs.map((input, i) => at(i + 1).call('finishRegistration', input)));
    expect(codes(outcomes)).toEqual([...Array(39).fill('PASSKEY_LIMIT_REACHED'), 'ok']);
    expect(await stores.store.listByUser(userId)).toHaveLength(10);
  });

  it('accepts one login response replayed 40 times across the 4 processes at once exactly once', async () => {
    const userId = `u-login-${prefix}`;
    const auth = await registerAcross(at(0), at(1), userId);
    const started = value(await at(2).call<Started>('startAuthentication', {}));
    const input = {
      ceremonyId: started.ceremonyId,
      response: await auth.get(started.options, { origin: ORIGIN }),
    };
    type SignedIn = { userId: string; passkey: PasskeyView };
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => at(i).call<SignedIn>('finishAuthentication', input)),
    );
    expect(codes(outcomes)).toEqual([...Array(39).fill('CEREMONY_NOT_FOUND'), 'ok']);
    const winner = value(outcomes.find((o) => o.ok)!);
    expect(winner.userId).toBe(userId);
    expect((await stores.store.get(winner.passkey.id))?.counter).toBe(auth.credentials[0]?.counter);
  });

  it('verifies one step-up receipt exactly once across 4 processes at once', async () => {
    const userId = `u-receipt-${prefix}`;
    const auth = await registerAcross(at(1), at(2), userId);
    const action = {
      userId,
      action: 'p2p.release',
      details: { orderId: 'o-1', amount: '250.00', asset: 'USDT' },
    };
    const started = value(await at(0).call<Started>('startStepUp', action));
    const response = await auth.get(started.options, { origin: ORIGIN });
    const { receipt } = value(
      await at(1).call<{ receipt: string }>('finishStepUp', {
        ceremonyId: started.ceremonyId,
        userId,
        response,
      }),
    );
    const outcomes = await Promise.all(workers.map((w) => w.call('verifyReceipt', receipt, action)));
    expect(codes(outcomes)).toEqual(['RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'ok']);
  });
});
