/**
 * A real network outage between mysql2 and the shared server (a TCP proxy the test cuts,
 * stalls and restores; the server itself is never touched): operations fail with
 * STORE_UNAVAILABLE, succeed again after the restore, and no partial row remains.
 * The scenario itself is test/support/store-outage.ts at the repository's root.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectOutageScenario } from '../../../test/support/store-outage';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';
import { createMysqlStores, type MysqlStores } from '../src/index';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { faultyPool } from './faulty-pool';
import { MYSQL_URL, probeMysql } from './services';

const server = await probeMysql();

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
    await expectOutageScenario({
      viaProxy,
      direct: stores,
      proxy,
      cutAfterInsert,
      more: () => [
        ['scan', viaProxy.store.scan!({ after: null, limit: 10 })],
        ['cleanup', viaProxy.cleanup()],
      ],
      // Three connections at once, each live when the stall starts.
      reconnect: async (id) => {
        await Promise.all([viaProxy.store.get(id), viaProxy.store.get(id), viaProxy.store.get(id)]);
      },
    });
  });
});
