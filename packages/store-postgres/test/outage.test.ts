/**
 * A real network outage between node-postgres and the shared server (a TCP proxy the test
 * cuts, stalls and restores; the server itself is never touched): operations fail with
 * STORE_UNAVAILABLE, succeed again after the restore, and no partial row remains.
 * The scenario itself is test/support/store-outage.ts at the repository's root.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutageScenario } from '../../../test/support/store-outage';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';
import { createPostgresStores, fromPg, type PostgresStores, type SqlClient } from '../src/index';
import { freshStores, openServer, serverPool } from './databases';
import { faultyClient } from './faulty-client';
import { POSTGRES_URL, probePostgres } from './services';

const server = await probePostgres();

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
    await expectOutageScenario({
      viaProxy,
      direct: stores,
      proxy,
      cutAfterInsert,
      reconnect: async (id) => {
        expect(await viaProxy.store.get(id)).not.toBeNull();
      },
    });
  });
});
