/**
 * Kills the demo at random points: armed with a kind of operation (a registration, a step-up,
 * a release), it waits for a client to send the request that does the writing (its verify, or
 * the release), lets a random delay pass — from none at all to about the route's p90 latency,
 * so kills land before the server reads the request, during its checks and inside its
 * transactions — notes what PostgreSQL is doing for the demo at that instant, and sends SIGKILL.
 */
import type pg from 'pg';
import type { DemoServer } from '../load/demo-server';
import { HARNESS_APPLICATION } from '../load/scratch-database';

export type Kind = 'registration' | 'step-up' | 'release';
export const KINDS: readonly Kind[] = ['registration', 'step-up', 'release'];

/** One kill: what it aimed at, when it landed, and what was in flight then. */
export interface KillRecord {
  target: Kind;
  /** From sending the targeted request to the signal. */
  afterSendMs: number;
  /** Requests the clients had sent and not yet seen answered, by route. */
  inFlight: string[];
  /** The demo's PostgreSQL sessions running a statement / inside a transaction, between two of its statements, just before. */
  pgActive: number;
  pgInTransaction: number;
}

const ACTIVITY = `SELECT count(*) FILTER (WHERE state = 'active')::int AS active,
  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS in_transaction
  FROM pg_stat_activity
  WHERE datname = $1 AND backend_type = 'client backend' AND application_name <> '${HARNESS_APPLICATION}'`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createKiller(pool: pg.Pool, database: string) {
  const inFlight = new Map<object, string>();
  const recent = new Map<string, number[]>();
  let armed: { target: Kind; skip: number; server: DemoServer; done: (k: KillRecord) => void } | null = null;
  let down = false;

  /** About the p90 of the route's last 30 latencies (20 ms before any). */
  const p90 = (route: string) => {
    const seen = [...(recent.get(route) ?? [])].sort((a, b) => a - b);
    return seen.length === 0 ? 20 : (seen[Math.floor(seen.length * 0.9)] as number);
  };

  async function fire(route: string, sentAt: number): Promise<void> {
    const shot = armed as NonNullable<typeof armed>;
    armed = null;
    const delay = Math.random() < 0.1 ? 0 : Math.random() * Math.max(2, p90(route));
    if (delay >= 1) await sleep(delay);
    const { rows } = await pool.query<{ active: number; in_transaction: number }>(ACTIVITY, [database]);
    const busy = [...inFlight.values()];
    shot.server.process.kill('SIGKILL');
    down = true;
    shot.done({
      target: shot.target,
      afterSendMs: performance.now() - sentAt,
      inFlight: busy,
      pgActive: rows[0]?.active ?? 0,
      pgInTransaction: rows[0]?.in_transaction ?? 0,
    });
  }

  return {
    /** The server was killed (until {@link revive}): clients stop starting operations. */
    get down() {
      return down;
    },
    /** What the armed kill waits for, to steer the clients towards it. */
    get target(): Kind | null {
      return armed?.target ?? null;
    },
    revive() {
      down = false;
    },

    /** Arms one kill, after `skip` matching requests; resolves once the signal is sent. */
    arm(target: Kind, server: DemoServer, skip: number): Promise<KillRecord> {
      return new Promise((done) => {
        armed = { target, skip, server, done };
      });
    },

    /** Sends a request through `send`, keeping it in the in-flight list until it settles. */
    track<T>(route: string, kind: Kind | null, send: () => Promise<T>): Promise<T> {
      const key = {};
      const sentAt = performance.now();
      inFlight.set(key, route);
      const pending = send();
      if (armed && kind === armed.target && armed.skip-- <= 0) void fire(route, sentAt);
      return pending.finally(() => {
        inFlight.delete(key);
        if (down) return;
        const list = recent.get(route) ?? [];
        list.push(performance.now() - sentAt);
        if (list.length > 30) list.shift();
        recent.set(route, list);
      });
    },
  };
}

/** The killer of one run. */
export type Killer = ReturnType<typeof createKiller>;
