import type { ChallengeRecord, ChallengeStore } from '@acme/passkey-core';
import { guarded } from './errors';
import type { SqlClient } from './sql-client';
import type { Statements } from './statements';

/**
 * A {@link ChallengeStore} on PostgreSQL. `take` is one `DELETE … RETURNING`, so at most one
 * caller, in any process, gets a record; it returns the record whatever its expiry (the
 * server judges `expiresAt`). `ttlMs` only sets `expires_at` on the database's clock, for
 * {@link cleanupChallenges}.
 */
export function postgresChallengeStore(client: SqlClient, sql: Statements): ChallengeStore {
  return {
    put: (id, record, { ttlMs }) =>
      guarded('put', async () => {
        await client.query(sql.put, [id, JSON.stringify(record), ttlMs]);
      }),

    take: (id) =>
      guarded('take', async () => {
        const { rows } = await client.query<{ record: ChallengeRecord | string }>(sql.take, [id]);
        const record = rows[0]?.record ?? null;
        // A client without a jsonb parser hands the JSON text over.
        return typeof record === 'string' ? (JSON.parse(record) as ChallengeRecord) : record;
      }),
  };
}

/** Deletes the challenges past their TTL (on the database's clock); returns how many. */
export function cleanupChallenges(client: SqlClient, sql: Statements): Promise<number> {
  return guarded('cleanup', async () => {
    const { rows } = await client.query<{ n: number }>(sql.cleanup);
    return rows[0]?.n ?? 0;
  });
}

/** Options of `startCleanup`. */
export interface CleanupOptions {
  /** Time between two runs. Default 60 000 ms. */
  intervalMs?: number;
  /** Receives a run's failure (a `STORE_UNAVAILABLE` error); the next run is still scheduled. */
  onError?: (err: unknown) => void;
}

/**
 * Runs `cleanup` every `intervalMs` on an unref'd timer (it never keeps the process alive),
 * one run at a time; returns the function that stops it.
 */
export function scheduleCleanup(cleanup: () => Promise<number>, options: CleanupOptions = {}): () => void {
  const { intervalMs = 60_000, onError = () => {} } = options;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new TypeError(`intervalMs must be a positive number, got ${intervalMs}`);
  }
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    cleanup()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
