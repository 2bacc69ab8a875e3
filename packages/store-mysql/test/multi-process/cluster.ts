/** Starts server processes (TypeScript through tsx) and calls them over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Outcome, WorkerConfig, WorkerOperation, WorkerReply, WorkerRequest } from './protocol';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** One running server process. */
export interface Worker {
  pid: number;
  call<T = unknown>(op: WorkerOperation, ...args: unknown[]): Promise<Outcome<T>>;
  stop(): Promise<void>;
}

function start(config: WorkerConfig): Promise<Worker> {
  const child: ChildProcess = fork(workerPath, [], {
    cwd: packageRoot, // tsx reads this package's tsconfig: @acme/* resolve to their sources
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PASSKEY_WORKER_CONFIG: JSON.stringify(config) },
    serialization: 'advanced', // Dates and typed arrays cross as they are
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: WorkerReply) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    child.on('message', (message: WorkerReply | { ready: boolean; pid?: number; message?: string }) => {
      if ('ready' in message) {
        if (!message.ready) return reject(new Error(`worker failed to start: ${message.message}`));
        return resolve({
          pid: message.pid ?? -1,
          call: (op, ...args) =>
            new Promise((done) => {
              const id = next++;
              pending.set(id, done as (reply: WorkerReply) => void);
              child.send({ id, op, args } satisfies WorkerRequest);
            }),
          stop: () =>
            new Promise((stopped) => {
              if (child.exitCode !== null) return stopped();
              child.once('exit', () => stopped());
              child.disconnect();
            }),
        });
      }
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
}

/** Starts `n` workers at once (each migrates on start, concurrently with the others). */
export async function startWorkers(n: number, config: WorkerConfig): Promise<Worker[]> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => start(config)));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(workers.map((w) => w.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return workers;
}
