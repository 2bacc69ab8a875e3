/**
 * One server process of the multi-process proof: its own createPasskeyServer over the shared
 * MySQL / MariaDB database, for passkeys and for ceremonies and receipt IDs alike. It migrates
 * on start, as every instance of a real deployment would, then answers calls from its parent
 * over IPC.
 */
import { isPasskeyError } from '@acme/passkey-core';
import { createPasskeyServer } from '@acme/passkey-server';
import mysql from 'mysql2/promise';
import { createMysqlStores } from '../../src/index';
import type { WorkerConfig, WorkerReply, WorkerRequest } from './protocol';

const config = JSON.parse(process.env.PASSKEY_WORKER_CONFIG ?? 'null') as WorkerConfig;
const pool = mysql.createPool({ uri: config.mysqlUrl, database: config.database, connectionLimit: 5 });

const stores = createMysqlStores({ pool, tablePrefix: config.tablePrefix });
const passkeys = createPasskeyServer({
  rp: config.rp,
  origins: [config.origin],
  store: stores.store,
  challenges: stores.challenges,
  receipts: { privateKey: config.receiptKey },
  secret: config.secret,
});
type Operation = (...args: unknown[]) => Promise<unknown>;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const operation = passkeys[request.op] as Operation;
    return { id: request.id, ok: true, value: await operation(...request.args) };
  } catch (err) {
    const code = isPasskeyError(err) ? err.code : 'UNEXPECTED';
    return { id: request.id, ok: false, code, message: err instanceof Error ? err.message : String(err) };
  }
}

process.on('message', (request: WorkerRequest) => {
  void answer(request).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => {
  void pool.end().finally(() => process.exit(0));
});

try {
  await stores.migrate();
  process.send?.({ ready: true, pid: process.pid });
} catch (err) {
  process.send?.({ ready: false, message: String(err) });
}
