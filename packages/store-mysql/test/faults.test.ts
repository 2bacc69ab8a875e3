/**
 * Engine failures, injected at every statement of an operation: each surfaces as
 * STORE_UNAVAILABLE with the engine's error as `cause`, leaves no partial write, and gives
 * every connection back to the pool in a known state (released, or destroyed).
 */
import { isPasskeyError } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { type FaultyPool, faultyPool, InjectedFault } from './faulty-pool';
import { probeMysql } from './services';

async function unavailable(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), String(err)).toBe(true);
  expect((err as Error).cause).toBeInstanceOf(InjectedFault);
}

const server = await probeMysql();

describe.skipIf(server.skip)(`faults on ${server.url}`, () => {
  let db: TestDatabase;
  let stores: Awaited<ReturnType<typeof freshStores>>;
  let faulty: FaultyPool;
  let broken: MysqlStores;
  const settled = () => {
    const { acquired, released, destroyed } = faulty.connections;
    expect(released + destroyed, 'every connection released or destroyed').toBe(acquired);
  };

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    stores = await freshStores(db.pool());
    // Two connections: one that failed without going back to the pool would hang the next calls.
    faulty = faultyPool(db.pool({ connectionLimit: 2 }));
    broken = createMysqlStores({ pool: faulty, tablePrefix: stores.prefix });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('fails a create at each of its statements, and at commit, without storing anything', async () => {
    const userId = `u-${randomId(4)}`;
    for (let i = 0; i < 2; i++) await stores.store.create(samplePasskey({ userId }), { maxPerUser: 3 });
    faulty.set({});
    expect(await broken.store.create(samplePasskey({ userId: 'probe' }), { maxPerUser: 3 })).toBe('created');
    const statements = faulty.seen.length;
    expect(faulty.seen.at(-1)).toBe('COMMIT');
    expect(statements).toBeGreaterThanOrEqual(7);
    const attempts = [
      ...Array.from({ length: statements }, (_, i) => ({ failAt: i + 1 })),
      ...Array.from({ length: statements }, (_, i) => ({ refuseAt: i + 1 })),
      { failCommit: true },
      { stallAt: statements - 1, timeoutMs: 50 },
      { failConnect: true },
    ];
    for (const faults of attempts) {
      faulty.set(faults);
      const p = samplePasskey({ userId });
      const destroyed = faulty.connections.destroyed;
      await unavailable(broken.store.create(p, { maxPerUser: 3 }));
      settled();
      // Only a connection the server answered goes back to the pool; one that may hold a lock does not.
      const lostConnection = 'failAt' in faults || 'stallAt' in faults || 'failCommit' in faults;
      expect(faulty.connections.destroyed - destroyed, JSON.stringify(faults)).toBe(lostConnection ? 1 : 0);
      expect(await stores.store.get(p.id), JSON.stringify(faults)).toBeNull();
      expect(await stores.store.listByUser(userId)).toHaveLength(2);
    }
    // A refused statement inside a transaction is rolled back and its connection kept; a lost one is destroyed.
    faulty.set({ refuseAt: 4 });
    await unavailable(broken.store.create(samplePasskey({ userId }), { maxPerUser: 3 }));
    expect(faulty.seen.at(-1)).toBe('ROLLBACK');
    faulty.set({});
    expect(await broken.store.create(samplePasskey({ userId }), { maxPerUser: 3 })).toBe('created');
    expect(await broken.store.create(samplePasskey({ userId }), { maxPerUser: 3 })).toBe('limit');
    settled();
  });

  it('fails every other operation with STORE_UNAVAILABLE and leaves the data as it was', async () => {
    const p = samplePasskey({ counter: 7 });
    await stores.store.create(p, { maxPerUser: 10 });
    const id = randomId();
    const record = { expiresAt: Date.now() + 60_000, kind: 'registration' };
    await stores.challenges.put(id, record, { ttlMs: 60_000 });
    const usedAt = new Date();
    const operations: [string, () => Promise<unknown>][] = [
      ['get', () => broken.store.get(p.id)],
      ['listByUser', () => broken.store.listByUser(p.userId)],
      ['scan', () => broken.store.scan!({ after: null, limit: 10 })],
      [
        'recordUse',
        () => broken.store.recordUse(p.id, { expectedCounter: 7, counter: 8, backedUp: true, usedAt }),
      ],
      ['rename', () => broken.store.rename(p.userId, p.id, 'Other')],
      ['remove', () => broken.store.remove(p.userId, p.id)],
      ['put', () => broken.challenges.put(randomId(), record, { ttlMs: 1000 })],
      ['take', () => broken.challenges.take(id)],
      ['cleanup', () => broken.cleanup()],
      ['migrate', () => broken.migrate()],
    ];
    for (const [name, operation] of operations) {
      for (const faults of [
        { failAt: 1 },
        { refuseAt: 1 },
        { stallAt: 1, timeoutMs: 20 },
        { failConnect: true },
      ]) {
        faulty.set(faults);
        await unavailable(operation()).catch((err) => {
          throw new Error(`${name} ${JSON.stringify(faults)}: ${err}`);
        });
        settled();
      }
    }
    // The transactions (rename, take) at their later statements and at commit.
    for (const faults of [{ failAt: 3 }, { refuseAt: 3 }, { failCommit: true }]) {
      faulty.set(faults);
      await unavailable(broken.store.rename(p.userId, p.id, 'Other'));
      faulty.set(faults);
      await unavailable(broken.challenges.take(id));
      settled();
    }
    expect(await stores.store.get(p.id)).toEqual(p);
    expect(await stores.challenges.take(id)).toEqual(record);
  });
});
