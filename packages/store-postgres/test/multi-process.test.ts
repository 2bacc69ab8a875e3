/**
 * The deployment that outgrows one process: 4 Node processes, each with its own
 * createPasskeyServer over one PostgreSQL (passkeys) and one Redis (ceremonies, receipt IDs),
 * driven with real WebAuthn responses from software authenticators.
 */
import type { PasskeyView } from '@acme/passkey-server';
import { Redis } from 'ioredis';
import type pg from 'pg';
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
import { createPostgresStores, type PostgresStores, type SqlClient } from '../src/index';
import { openServer, uniqueSchema } from './databases';
import type { PostgresWorkerConfig } from './multi-process/worker';
import { POSTGRES_URL, probePostgres, probeRedis, REDIS_URL } from './services';

const postgres = await probePostgres();
const redis = await probeRedis();

describe.skipIf(postgres.skip || redis.skip)('4 server processes over one PostgreSQL and one Redis', () => {
  const schema = uniqueSchema();
  let workers: Worker[];
  let direct: { pool: pg.Pool; client: SqlClient };
  let stores: PostgresStores;
  let admin: Redis;
  /** Worker i mod 4: ceremonies start in one process and finish in the next. */
  const at = (i: number) => workers[i % workers.length]!;

  beforeAll(async () => {
    postgres.assertReachable();
    redis.assertReachable();
    admin = new Redis(REDIS_URL);
    admin.on('error', () => {});
    direct = openServer({ max: 2 });
    stores = createPostgresStores({ client: direct.client, schema });
    workers = await startWorkers(4, new URL('./multi-process/worker.ts', import.meta.url), {
      ...(await deploymentSecrets()),
      databaseUrl: POSTGRES_URL,
      schema,
      redisUrl: REDIS_URL,
      redisPrefix: `pk:${schema}:`,
    } satisfies PostgresWorkerConfig);
  }, 120_000);

  afterAll(async () => {
    await Promise.all((workers ?? []).map((w) => w.stop()));
    await direct?.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await direct?.pool.end();
    if (admin === undefined) return;
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `pk:${schema}:*`, 'COUNT', 500);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    admin.disconnect();
  });

  it('runs 4 distinct processes, which migrated the shared schema at once on start', () => {
    expect(new Set(workers.map((w) => w.pid)).size).toBe(4);
    expect(workers.map((w) => w.pid)).not.toContain(process.pid);
  });

  it('lets exactly 1 of 40 concurrent registration finishes land for a user holding 9 passkeys', async () => {
    const userId = `u-limit-${schema}`;
    const outcomes = await finishRegistrationsAtOnce(at, userId, { held: 9, racers: 40 });
    expect(codes(outcomes)).toEqual([...Array(39).fill('PASSKEY_LIMIT_REACHED'), 'ok']);
    expect(await stores.store.listByUser(userId)).toHaveLength(10);
  });

  it('lets exactly 1 of 4 processes accept one login response replayed to all of them at once', async () => {
    const userId = `u-login-${schema}`;
    type SignedIn = { userId: string; passkey: PasskeyView };
    const { auth, outcomes } = await replayLoginAtOnce<SignedIn>(at, userId, workers.length);
    expect(codes(outcomes)).toEqual(['CEREMONY_NOT_FOUND', 'CEREMONY_NOT_FOUND', 'CEREMONY_NOT_FOUND', 'ok']);
    const winner = value(outcomes.find((o) => o.ok)!);
    expect(winner.userId).toBe(userId);
    expect((await stores.store.get(winner.passkey.id))?.counter).toBe(auth.credentials[0]?.counter);
  });

  it('verifies one step-up receipt exactly once across 4 processes at once', async () => {
    const outcomes = await verifyReceiptEverywhere(at, workers, `u-receipt-${schema}`);
    expect(codes(outcomes)).toEqual(['RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'RECEIPT_REPLAYED', 'ok']);
  });
});
