import type { ChallengeRecord, ChallengeStore } from '@acme/passkey-core';
import { guarded } from './errors';
import type { SqlClient } from './sql-client';
import { CLEANUP_BATCH, type Statements } from './statements';

/**
 * A {@link ChallengeStore} on MySQL / MariaDB. `take` is one transaction: `SELECT … FOR UPDATE`
 * then `DELETE`, so of any number of concurrent takes, in any process, one gets the row lock
 * and the record, the others wait and then find nothing. It returns the record whatever its
 * expiry (the server judges `expiresAt`); `ttlMs` only sets `expires_at` on the database's
 * clock, for {@link cleanupChallenges}.
 */
export function mysqlChallengeStore(client: SqlClient, sql: Statements): ChallengeStore {
  return {
    put: (id, record, { ttlMs }) =>
      guarded('put', async () => {
        const json = JSON.stringify(record);
        const micros = Math.max(0, Math.round(ttlMs * 1000));
        await client.query(sql.put, [id, json, micros, json, micros]);
      }),

    take: (id) =>
      guarded('take', async () => {
        const json = await client.transaction(async (query) => {
          const { rows } = await query<{ record: string }>(sql.takeLock, [id]);
          if (rows[0] === undefined) return null;
          // Also the proof on an engine whose FOR UPDATE waits for nothing (TiDB's optimistic mode).
          const { affectedRows } = await query(sql.takeDelete, [id]);
          return affectedRows === 1 ? rows[0].record : null;
        });
        return json === null ? null : (JSON.parse(json) as ChallengeRecord);
      }),
  };
}

/** Deletes the challenges past their TTL (on the database's clock), in batches; returns how many. */
export function cleanupChallenges(client: SqlClient, sql: Statements): Promise<number> {
  return guarded('cleanup', async () => {
    let total = 0;
    for (;;) {
      const { affectedRows } = await client.query(sql.cleanup);
      total += affectedRows;
      if (affectedRows < CLEANUP_BATCH) return total;
    }
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
