/**
 * Engine failures, injected at every query of an operation: each surfaces as
 * STORE_UNAVAILABLE with the engine's error as `cause`, and leaves no partial write.
 */
import { isPasskeyError } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, type SqlClient } from '../src/index';
import { freshStores, openPGlite, openServer } from './databases';
import { type FaultyClient, faultyClient, InjectedFault } from './faulty-client';
import { probePostgres } from './services';

async function unavailable(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), String(err)).toBe(true);
  expect((err as Error).cause).toBeInstanceOf(InjectedFault);
}

function faultSuite(open: () => Promise<{ client: SqlClient; close(): Promise<void> }>) {
  let client: SqlClient;
  let close: () => Promise<void>;
  let stores: Awaited<ReturnType<typeof freshStores>>;
  let faulty: FaultyClient;
  let broken: ReturnType<typeof createPostgresStores>;

  beforeAll(async () => {
    ({ client, close } = await open());
    stores = await freshStores(client);
    faulty = faultyClient(client);
    broken = createPostgresStores({ client: faulty, schema: stores.schema });
  });
  afterAll(async () => {
    await stores?.close();
    await close?.();
  });

  it('fails a create at each of its queries, and at commit, without storing anything', async () => {
    const userId = `u-${randomId(4)}`;
    for (let i = 0; i < 2; i++) await stores.store.create(samplePasskey({ userId }), { maxPerUser: 3 });
    faulty.set({});
    expect(await broken.store.create(samplePasskey({ userId: 'probe' }), { maxPerUser: 3 })).toBe('created');
    const queries = faulty.seen.length;
    expect(queries).toBeGreaterThanOrEqual(4);
    const attempts = [
      ...Array.from({ length: queries }, (_, i) => ({ failAt: i + 1 })),
      { failCommit: true },
      { stallAt: queries, timeoutMs: 50 },
    ];
    for (const faults of attempts) {
      faulty.set(faults);
      const p = samplePasskey({ userId });
      await unavailable(broken.store.create(p, { maxPerUser: 3 }));
      expect(await stores.store.get(p.id), JSON.stringify(faults)).toBeNull();
      expect(await stores.store.listByUser(userId)).toHaveLength(2);
    }
    faulty.set({});
    expect(await broken.store.create(samplePasskey({ userId }), { maxPerUser: 3 })).toBe('created');
    expect(await broken.store.create(samplePasskey({ userId }), { maxPerUser: 3 })).toBe('limit');
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
      for (const faults of [{ failAt: 1 }, { stallAt: 1, timeoutMs: 20 }]) {
        faulty.set(faults);
        await unavailable(operation()).catch((err) => {
          throw new Error(`${name} ${JSON.stringify(faults)}: ${err}`);
        });
      }
    }
    expect(await stores.store.get(p.id)).toEqual(p);
    expect(await stores.challenges.take(id)).toEqual(record);
  });
}

describe('faults on PGlite', () => {
  faultSuite(async () => {
    const { db, client }: { db: PGlite; client: SqlClient } = await openPGlite();
    return { client, close: () => db.close() };
  });
});

const server = await probePostgres();

describe.skipIf(server.skip)(`faults on the PostgreSQL server (${server.url})`, () => {
  beforeAll(() => server.assertReachable());
  // Two connections: a transaction that failed without giving its connection back would hang the next ones.
  faultSuite(async () => {
    const { pool, client }: { pool: pg.Pool; client: SqlClient } = openServer({ max: 2 });
    return { client, close: () => pool.end() };
  });
});
