/**
 * The body of one server process of a store package's multi-process proof: its own
 * createPasskeyServer over the stores that the package's worker module builds from its config.
 * It migrates on start, as every instance of a real deployment would, then answers calls from
 * its parent over IPC (see `./cluster.ts`).
 * @example
 * // packages/store-x/test/multi-process/worker.ts
 * serveWorker<XWorkerConfig>((config) => {
 *   const stores = createXStores({ url: config.url });
 *   return { ...stores, close: () => stores.end() };
 * });
 */
import { type ChallengeStore, isPasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { createPasskeyServer } from '@acme/passkey-server';
import {
  CONFIG_VARIABLE,
  type WorkerConfig,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';

/** What a package's worker builds from its config: the server's stores, and how to let them go. */
export interface WorkerStores {
  store: PasskeyStore;
  challenges: ChallengeStore;
  /** Brings the shared database to the current schema; run once on start. */
  migrate(): Promise<unknown>;
  /** Closes the connections, once the parent has disconnected. */
  close(): Promise<unknown>;
}

type Operation = (...args: unknown[]) => Promise<unknown>;

/** Reads this process's config, builds its stores with `build`, migrates and serves its parent. */
export async function serveWorker<C extends WorkerConfig>(build: (config: C) => WorkerStores): Promise<void> {
  const config = JSON.parse(process.env[CONFIG_VARIABLE] ?? 'null') as C;
  const stores = build(config);
  const passkeys = createPasskeyServer({
    rp: config.rp,
    origins: [config.origin],
    store: stores.store,
    challenges: stores.challenges,
    receipts: { privateKey: config.receiptKey },
    secret: config.secret,
  });

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
    void stores.close().finally(() => process.exit(0));
  });

  try {
    await stores.migrate();
    process.send?.({ ready: true, pid: process.pid } satisfies WorkerReady);
  } catch (err) {
    process.send?.({ ready: false, message: String(err) } satisfies WorkerReady);
  }
}
