/**
 * Checks that the SQL store packages (PostgreSQL, MySQL) share because they share the code
 * under test or the column types: the migrations embedded by scripts/embed-migrations.mjs, the
 * largest counter and the precision of times, and the cleanup of expired challenges
 * (`cleanup`, `startCleanup`). Each package's test file calls them from its
 * own `it`, on its own stores. A helper of this repository's own tests, not part of any
 * published package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type ChallengeStore, isPasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import { expect } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const record = () => ({ expiresAt: Date.now() + 60_000, kind: 'authentication' });

/** The cleanup side of a SQL store package's stores. */
export interface CleanedStores {
  challenges: ChallengeStore;
  cleanup(): Promise<number>;
  startCleanup(options?: { intervalMs?: number; onError?: (err: unknown) => void }): () => void;
}

/** Expects `migrations` to be the `.sql` files of `dir`, byte for byte, in version order. */
export function expectEmbeddedMigrations(
  migrations: readonly { version: number; file: string; sql: string }[],
  dir: URL,
): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  expect(files.length).toBeGreaterThan(0);
  expect(migrations.map((m) => m.file)).toEqual(files);
  for (const m of migrations) {
    expect(m.sql).toBe(readFileSync(new URL(m.file, dir), 'utf8'));
    expect(m.version).toBe(Number(m.file.slice(0, 3)));
  }
}

/** Expects `store` to keep a counter of 2^32 - 1 (the largest uint32) and times to the millisecond. */
export async function expectLargestCounterAndMilliseconds(store: PasskeyStore): Promise<void> {
  const p = samplePasskey({ counter: 4_294_967_294, createdAt: new Date('2026-05-06T07:08:09.999Z') });
  await store.create(p, { maxPerUser: 10 });
  const usedAt = new Date('2026-12-31T23:59:59.001Z');
  const use = { expectedCounter: 4_294_967_294, counter: 4_294_967_295, backedUp: false, usedAt };
  expect(await store.recordUse(p.id, use)).toBe(true);
  expect(await store.get(p.id)).toEqual({
    ...p,
    counter: 4_294_967_295,
    backedUp: false,
    lastUsedAt: usedAt,
  });
}

/**
 * Expects `cleanup` to delete only the challenges past their TTL (on a table that has no other
 * expired one), and `take` to return a record until then.
 */
export async function expectCleanupPastTtlOnly(stores: CleanedStores): Promise<void> {
  const [short, long, kept] = [randomId(), randomId(), randomId()];
  await stores.challenges.put(short, record(), { ttlMs: 1 });
  await stores.challenges.put(kept, record(), { ttlMs: 1 });
  await stores.challenges.put(long, record(), { ttlMs: 60_000 });
  await sleep(20);
  expect(await stores.challenges.take(kept)).not.toBeNull();
  expect(await stores.cleanup()).toBe(1);
  expect(await stores.challenges.take(short)).toBeNull();
  expect(await stores.challenges.take(long)).not.toBeNull();
  expect(await stores.cleanup()).toBe(0);
}

/**
 * Expects `startCleanup` to clean up on its timer until stopped (`challengeCount` counts the
 * rows of the challenges table, which holds nothing else), to pass each failed run of
 * `failing` (stores whose database refuses every connection) to `onError` as STORE_UNAVAILABLE,
 * and to refuse an interval that is not a positive number.
 */
export async function expectTimedCleanup(
  stores: CleanedStores,
  challengeCount: () => Promise<number | undefined>,
  failing: CleanedStores,
): Promise<void> {
  await stores.challenges.put(randomId(), record(), { ttlMs: 1 });
  const stop = stores.startCleanup({ intervalMs: 10 });
  for (let i = 0; i < 200 && (await challengeCount()) !== 0; i++) await sleep(10);
  expect(await challengeCount()).toBe(0);
  stop();
  await stores.challenges.put(randomId(), record(), { ttlMs: 1 });
  await sleep(60);
  expect(await challengeCount()).toBe(1);

  const errors: unknown[] = [];
  const stopFailing = failing.startCleanup({
    intervalMs: 5,
    onError: (e) => errors.push(e),
  });
  await sleep(60);
  stopFailing();
  expect(errors.length).toBeGreaterThan(1);
  expect(errors.every((e) => isPasskeyError(e, 'STORE_UNAVAILABLE'))).toBe(true);
  for (const intervalMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    expect(() => stores.startCleanup({ intervalMs })).toThrow(TypeError);
  }
}
