/** `pnpm crash` options: flags first, then `CRASH_*` environment variables, then defaults. */
import { parseArgs } from 'node:util';

export interface CrashOptions {
  /** SIGKILLs to deliver (default 60; at least 50 make a run count). */
  kills: number;
  /** Concurrent clients, each with its own accounts, so several operations are in flight (default 6). */
  workers: number;
  /** Build the demo first, as `pnpm demo` does (default true; `--no-build` reuses `dist/`). */
  build: boolean;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

export function parseCrashOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CrashOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      kills: { type: 'string' },
      workers: { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  });
  return {
    kills: positive('--kills', values.kills ?? env.CRASH_KILLS, 60),
    workers: positive('--workers', values.workers ?? env.CRASH_WORKERS, 6),
    build: !values['no-build'],
  };
}
