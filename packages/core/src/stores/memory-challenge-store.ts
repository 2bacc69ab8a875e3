import type { ChallengeRecord, ChallengeStore } from './types';

const SWEEP_INTERVAL_MS = 1000;

/** Options of {@link createMemoryChallengeStore}. */
export interface MemoryChallengeStoreOptions {
  /** The store's own clock, used only to drop abandoned records. Default `Date.now`. */
  now?: () => number;
}

/**
 * A {@link ChallengeStore} in process memory. `take` deletes within one synchronous step,
 * so one caller at most gets a record. Abandoned records are dropped lazily on writes
 * (a sweep at most once a second; no timers), so memory stays bounded by the records put
 * within the last TTL. Records are stored as JSON, as a shared store would keep them.
 */
export function createMemoryChallengeStore(options: MemoryChallengeStoreOptions = {}): ChallengeStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { json: string; dropAt: number }>();
  let nextSweep = 0;

  const sweep = (t: number) => {
    // Also when the clock stepped back before the last sweep: else none would run until it caught up.
    if (t < nextSweep && t >= nextSweep - SWEEP_INTERVAL_MS) return;
    nextSweep = t + SWEEP_INTERVAL_MS;
    for (const [id, e] of entries) if (e.dropAt <= t) entries.delete(id);
  };

  return {
    async put(id, record, { ttlMs }) {
      const t = now();
      sweep(t);
      entries.set(id, { json: JSON.stringify(record), dropAt: t + ttlMs });
    },
    async take(id) {
      const e = entries.get(id);
      if (e === undefined) return null;
      entries.delete(id);
      return JSON.parse(e.json) as ChallengeRecord;
    },
  };
}
