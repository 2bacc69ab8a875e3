/**
 * The demo as `pnpm demo` runs it: `node scripts/build.mjs` (the page and the server bundle),
 * then `node dist/server/main.js` in `examples/demo`, configured by its environment only.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const demoRoot = fileURLToPath(new URL('../../examples/demo/', import.meta.url));

/** Builds the demo from its current sources, as `pnpm demo` and the end-to-end tests do. */
export function buildDemo(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: demoRoot, stdio: 'inherit' });
}

/** A loopback TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A running demo server process. */
export interface DemoServer {
  /** Where the harness connects: `http://127.0.0.1:PORT`. */
  base: string;
  /** The page's origin as the demo checks it: `http://localhost:PORT`. */
  origin: string;
  process: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Resolves when the process is gone: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built server on `port` with `env` (on top of this process's environment) and waits
 * until it prints its URL, i.e. the storage is open and migrated and the socket listens.
 */
export async function startDemoServer(port: number, env: Record<string, string>): Promise<DemoServer> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: demoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (!output.includes(origin)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the demo did not start on ${origin}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { base: `http://127.0.0.1:${port}`, origin, process: child, output: () => output, exited };
}
