/**
 * Starts server processes (TypeScript through tsx) and calls them over IPC. Each store package
 * brings its own worker module (see `./worker.ts`); this side is the same for all of them.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIG_VARIABLE,
  type Outcome,
  type WorkerConfig,
  type WorkerOperation,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';

/** One running server process. */
export interface Worker {
  pid: number;
  call<T = unknown>(op: WorkerOperation, ...args: unknown[]): Promise<Outcome<T>>;
  stop(): Promise<void>;
}

/** The folder of the package that holds `file`: the nearest one up with a package.json. */
function packageRootOf(file: string): string {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${file}`);
    dir = parent;
  }
  return dir;
}

function start(workerPath: string, config: WorkerConfig): Promise<Worker> {
  const child: ChildProcess = fork(workerPath, [], {
    cwd: packageRootOf(workerPath), // tsx reads that package's tsconfig: @acme/* resolve to their sources
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
    serialization: 'advanced', // Dates and typed arrays cross as they are
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: WorkerReply) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    child.on('message', (message: WorkerReply | WorkerReady) => {
      if ('ready' in message) {
        if (!message.ready) return reject(new Error(`worker failed to start: ${message.message}`));
        return resolve({
          pid: message.pid,
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

/**
 * Starts `n` processes of the worker module `worker` at once (each migrates on start,
 * concurrently with the others), each given `config`.
 */
export async function startWorkers<C extends WorkerConfig>(
  n: number,
  worker: URL,
  config: C,
): Promise<Worker[]> {
  const workerPath = fileURLToPath(worker);
  const started = await Promise.allSettled(Array.from({ length: n }, () => start(workerPath, config)));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(workers.map((w) => w.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return workers;
}
