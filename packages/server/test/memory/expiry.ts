/**
 * The expiry proof the store packages share: ceremonies started through the real server on
 * their stores with the shortest TTL, never finished, are gone once it passed (after `cleanup()`
 * where the store needs one), while ceremonies still alive stay and can be taken.
 */
import type { ChallengeStore, PasskeyStore } from '@acme/passkey-core';
import { expect } from 'vitest';
import { abandonedCeremonies, CEREMONIES, TTL_SECONDS } from './abandoned';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The shortest TTL the policy allows (10 s), longer for large runs: every ceremony must still be
 * there when the last one has started, so the count before expiry proves the count after.
 */
const SHORT_TTL_SECONDS = Math.max(10, Math.ceil(CEREMONIES / 800));
/** Ceremonies on the default TTL, started last: nothing may remove them. */
const ALIVE = 30;

/** Options of {@link expectAbandonedToExpire}. */
export interface ExpiryCase {
  /** Printed with the figures. */
  label: string;
  stores: { store: PasskeyStore; challenges: ChallengeStore };
  /** Rows or keys the store holds for challenges. */
  count(): Promise<number>;
  /** The store's cleanup, for stores that need one; resolves to how many it removed. */
  cleanup?(): Promise<number>;
}

/** Runs the proof with {@link CEREMONIES} ceremonies; a test's timeout must allow TTL + starts. */
export async function expectAbandonedToExpire(c: ExpiryCase): Promise<void> {
  const short = await abandonedCeremonies({ stores: c.stores, ttlSeconds: SHORT_TTL_SECONDS });
  const long = await abandonedCeremonies({
    stores: c.stores,
    ttlSeconds: Math.min(3_600, Math.max(TTL_SECONDS, SHORT_TTL_SECONDS * 3)),
  });
  const started = performance.now();
  await short.startMany(CEREMONIES);
  const lastStart = performance.now();
  const alive = await long.startMany(ALIVE);
  const startSeconds = (lastStart - started) / 1000;
  expect(startSeconds, 'the starts outlasted the TTL: some expired before they were counted').toBeLessThan(
    SHORT_TTL_SECONDS,
  );
  expect(await c.count()).toBe(CEREMONIES + ALIVE);

  await sleep(SHORT_TTL_SECONDS * 1000 - (performance.now() - lastStart) + 500);
  const removed = c.cleanup === undefined ? null : await c.cleanup();
  const left = await c.count();
  console.info(
    `[memory] ${c.label}: ${CEREMONIES} started in ${startSeconds.toFixed(1)} s (TTL ${SHORT_TTL_SECONDS} s); ` +
      `${removed === null ? 'expired by the store itself' : `${removed} removed by cleanup()`}; ` +
      `${left} left (${ALIVE} still alive)`,
  );
  if (removed !== null) expect(removed).toBe(CEREMONIES);
  expect(left).toBe(ALIVE);
  // What stays is still a ceremony the server can finish: its record is there to take.
  expect(await long.held(alive)).toBe(ALIVE);
}
