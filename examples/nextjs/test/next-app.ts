/**
 * Builds this example with `next build` and runs it with `next start` as a child process on a
 * free port: the app as it runs in production, over real HTTP.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example's folder. */
export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(APP_DIR, 'package.json'));

/** Next.js never reports usage from the tests; a stray NODE_ENV=test would make it warn. */
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' } as const;

/** The `@next/swc-*` packages that hold the native compiler for this machine. */
function swcPackages(): string[] {
  const { platform, arch } = process;
  if (platform === 'linux') return [`@next/swc-linux-${arch}-gnu`, `@next/swc-linux-${arch}-musl`];
  if (platform === 'win32') return [`@next/swc-win32-${arch}-msvc`];
  return [`@next/swc-${platform}-${arch}`];
}

/**
 * Why the app cannot be built here, or null: Next.js itself, or its native SWC compiler (an
 * optional dependency from the npm registry; without it Next.js would try to download one).
 */
export function missingForNext(): string | null {
  let nextPackage: string;
  try {
    nextPackage = require.resolve('next/package.json');
  } catch {
    return 'the next package is not installed: run pnpm install';
  }
  const fromNext = createRequire(nextPackage);
  const found = swcPackages().some((name) => {
    try {
      return existsSync(fromNext.resolve(`${name}/package.json`));
    } catch {
      return false;
    }
  });
  return found
    ? null
    : `no native SWC compiler for ${process.platform}-${process.arch} (${swcPackages()[0]})`;
}

const nextBin = () => path.join(path.dirname(require.resolve('next/package.json')), 'dist/bin/next');

/** `next build`; throws with its output when it fails. Returns the seconds it took. */
export function buildNext(): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [nextBin(), 'build'], {
    cwd: APP_DIR,
    env: { ...process.env, ...NEXT_ENV },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`next build failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running `next start`. */
export interface RunningNext {
  url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built app with `env` added to this process's; resolves once it answers HTTP. */
export async function startNext(env: Record<string, string>): Promise<RunningNext> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin(), 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd: APP_DIR, env: { ...process.env, ...NEXT_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/api/me`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`next start did not answer within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
