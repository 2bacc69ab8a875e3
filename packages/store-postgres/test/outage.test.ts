/**
 * A real network outage between node-postgres and the shared server (a TCP proxy the test
 * cuts, stalls and restores; the server itself is never touched): operations fail with
 * STORE_UNAVAILABLE, succeed again after the restore, and no partial row remains.
 */
import { isPasskeyError } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';
import { createPostgresStores, fromPg, type PostgresStores, type SqlClient } from '../src/index';
import { freshStores, openServer, serverPool } from './databases';
import { faultyClient } from './faulty-client';
import { POSTGRES_URL, probePostgres } from './services';

const server = await probePostgres();

async function expectUnavailable(name: string, operation: Promise<unknown>) {
  const err = await operation.then(
    () => new Error(`${name} succeeded during the outage`),
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), `${name}: ${err}`).toBe(true);
  expect((err as Error).cause, name).toBeDefined();
}

describe.skipIf(server.skip)(`outage between the pool and ${server.url}`, () => {
  let direct: { pool: pg.Pool; client: SqlClient };
  let stores: Awaited<ReturnType<typeof freshStores>>;
  let proxy: TcpProxy;
  let proxied: pg.Pool;
  let viaProxy: PostgresStores;
  const cutAfterInsert = { armed: false, fired: 0 };

  beforeAll(async () => {
    server.assertReachable();
    direct = openServer();
    stores = await freshStores(direct.client);
    const url = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    proxied = serverPool({
      connectionString: url.toString(),
      max: 4,
      connectionTimeoutMillis: 500,
      query_timeout: 1000,
    });
    const client = faultyClient(fromPg(proxied), {
      after: (_n, sql) => {
        if (cutAfterInsert.armed && sql.startsWith('INSERT')) {
          cutAfterInsert.fired++;
          proxy.cut();
        }
      },
    });
    viaProxy = createPostgresStores({ client, schema: stores.schema });
  });
  afterAll(async () => {
    await proxy?.close();
    await proxied?.end().catch(() => {});
    await stores?.close();
    await direct?.pool.end();
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
        ['create', viaProxy.store.create(samplePasskey({ userId }), { maxPerUser: 10 })],
        [
          'recordUse',
          viaProxy.store.recordUse(before.id, { expectedCounter: 1, counter: 2, backedUp: true, usedAt }),
        ],
        ['rename', viaProxy.store.rename(userId, before.id, 'Renamed')],
        ['remove', viaProxy.store.remove(userId, before.id)],
        ['put', viaProxy.challenges.put(randomId(), { expiresAt: 0 }, { ttlMs: 1000 })],
        ['take', viaProxy.challenges.take(challengeId)],
      ] as const;
    for (const [name, operation] of during()) await expectUnavailable(`${name} (cut)`, operation);

    // A stall on live connections: the queries go out, no answer comes back (query_timeout).
    proxy.restore();
    expect(await viaProxy.store.get(before.id)).not.toBeNull();
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
