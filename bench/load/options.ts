/** `pnpm load` options: flags first, then `LOAD_*` environment variables, then defaults. */
import { parseArgs } from 'node:util';

export interface LoadOptions {
  /** Concurrent virtual users (default 50). */
  users: number;
  /** How long new flows start (default 60 s); flows under way then run to their end. */
  seconds: number;
  /** Build the demo first, as `pnpm demo` does (default true; `--no-build` reuses `dist/`). */
  build: boolean;
  /** Every n-th flow replays its ceremonies and receipt (default 5). */
  replayEvery: number;
  /** Every n-th flow races registrations to the passkey limit (default 10). */
  raceEvery: number;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

export function parseLoadOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      users: { type: 'string' },
      seconds: { type: 'string' },
      'no-build': { type: 'boolean' },
      'replay-every': { type: 'string' },
      'race-every': { type: 'string' },
    },
  });
  return {
    users: positive('--users', values.users ?? env.LOAD_USERS, 50),
    seconds: positive('--seconds', values.seconds ?? env.LOAD_SECONDS, 60),
    build: !values['no-build'],
    replayEvery: positive('--replay-every', values['replay-every'], 5),
    raceEvery: positive('--race-every', values['race-every'], 10),
  };
}
