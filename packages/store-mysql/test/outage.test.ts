/**
 * A real network outage between mysql2 and the shared server (a TCP proxy the test cuts,
 * stalls and restores; the server itself is never touched): operations fail with
 * STORE_UNAVAILABLE, succeed again after the restore, and no partial row remains.
 */
import { isPasskeyError } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { faultyPool } from './faulty-pool';
import { MYSQL_URL, probeMysql } from './services';

const server = await probeMysql();

async function expectUnavailable(name: string, operation: Promise<unknown>) {
  const err = await operation.then(
    () => new Error(`${name} succeeded during the outage`),
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), `${name}: ${err}`).toBe(true);
  expect((err as Error).cause, name).toBeDefined();
}

describe.skipIf(server.skip)(`outage between the pool and ${server.url}`, () => {
  let db: TestDatabase;
  let stores: Awaited<ReturnType<typeof freshStores>>;
  let proxy: TcpProxy;
  let viaProxy: MysqlStores;
  const cutAfterInsert = { armed: false, fired: 0 };

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    stores = await freshStores(db.pool());
    const url = new URL(MYSQL_URL);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
    url.host = `127.0.0.1:${proxy.port}`;
    const proxied = db.pool({ uri: url.toString(), connectionLimit: 4, connectTimeout: 500 });
    const pool = faultyPool(proxied, {
      after: (_n, sql) => {
        if (cutAfterInsert.armed && sql.startsWith(`INSERT INTO \`${stores.prefix}credentials\``)) {
          cutAfterInsert.fired++;
          proxy.cut();
        }
      },
    });
    viaProxy = createMysqlStores({ pool, tablePrefix: stores.prefix, queryTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await proxy?.close();
    await db?.drop();
  });

  it('fails during a cut and a stall, recovers after, and never keeps a partial row', async () => {
    const userId = `u-${randomId(4)}`;
    const before = samplePasskey({ userId, counter: 1 });
    expect(await viaProxy.store.create(before, { maxPerUser: 10 })).toBe('created');
    const challengeId = randomId();
    await viaProxy.challenges.put(challengeId, { expiresAt: Date.now() + 60_000 }, { ttlMs: 60_000 });

    // The connection dies between the INSERT and the COMMIT of a create.
    cutAfterInsert.armed = true;
    const lost = samplePasskey({ userId });
    await expectUnavailable('create cut before commit', viaProxy.store.create(lost, { maxPerUser: 10 }));
    cutAfterInsert.armed = false;
    expect(cutAfterInsert.fired).toBe(1);

    const usedAt = new Date();
    const during = () =>
      [
        ['get', viaProxy.store.get(before.id)],
        ['listByUser', viaProxy.store.listByUser(userId)],
        ['scan', viaProxy.store.scan!({ after: null, limit: 10 })],
        ['create', viaProxy.store.create(samplePasskey({ userId }), { maxPerUser: 10 })],
        [
          'recordUse',
          viaProxy.store.recordUse(before.id, { expectedCounter: 1, counter: 2, backedUp: true, usedAt }),
        ],
        ['rename', viaProxy.store.rename(userId, before.id, 'Renamed')],
        ['remove', viaProxy.store.remove(userId, before.id)],
        ['put', viaProxy.challenges.put(randomId(), { expiresAt: 0 }, { ttlMs: 1000 })],
        ['take', viaProxy.challenges.take(challengeId)],
        ['cleanup', viaProxy.cleanup()],
      ] as const;
    for (const [name, operation] of during()) await expectUnavailable(`${name} (cut)`, operation);

    // A stall on live connections: the statements go out, no answer comes back (queryTimeoutMs).
    proxy.restore();
    await Promise.all([
      viaProxy.store.get(before.id),
      viaProxy.store.get(before.id),
      viaProxy.store.get(before.id),
    ]);
    proxy.stall();
    const stalledAt = Date.now();
    await Promise.all(during().map(([name, operation]) => expectUnavailable(`${name} (stalled)`, operation)));
    expect(Date.now() - stalledAt).toBeLessThan(10_000);

    proxy.cut();
    proxy.restore();
    const after = samplePasskey({ userId });
    expect(await viaProxy.store.create(after, { maxPerUser: 10 })).toBe('created');
    expect(
      await viaProxy.store.recordUse(before.id, { expectedCounter: 1, counter: 2, backedUp: true, usedAt }),
    ).toBe(true);
    expect(await viaProxy.challenges.take(challengeId)).not.toBeNull();

    // Seen through a connection that never went through the proxy: exactly what succeeded.
    const listed = await stores.store.listByUser(userId);
    expect(listed.map((p) => p.id).sort()).toEqual([before.id, after.id].sort());
    expect(await stores.store.get(lost.id)).toBeNull();
    expect((await stores.store.get(before.id))?.counter).toBe(2);
  });
});
