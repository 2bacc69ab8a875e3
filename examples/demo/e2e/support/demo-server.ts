import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo package's folder. */
export const demoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the page and the server bundle (`node scripts/build.mjs`). */
export function buildDemo(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: demoRoot, stdio: 'inherit' });
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunningDemo {
  url: string;
  process: ChildProcess;
  /** Everything the server printed. */
  output(): string;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A fresh folder for the demo's PGlite database. */
export const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'passkey-demo-data-'));

/**
 * Starts the built server (`dist/server/main.js`) and waits until it prints its URL. Its PGlite
 * database goes to `env.DEMO_DATA_DIR`, or to a fresh folder removed when it stops.
 */
export async function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const port = await freePort();
  const ownDir = env.DEMO_DATA_DIR ? null : newDataDir();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: demoRoot,
    env: { ...process.env, PORT: String(port), ...(ownDir ? { DEMO_DATA_DIR: ownDir } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = once(child, 'exit').then(([code]) => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    return code as number | null;
  });
  const url = `http://localhost:${port}`;
  // PGlite takes a few seconds to open; much longer on a busy machine.
  const deadline = Date.now() + 60_000;
  while (!output.includes(url)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the demo did not start on ${url}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the built server until it exits by itself (it is expected to refuse to start). */
export async function runDemoToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: demoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, output };
}
