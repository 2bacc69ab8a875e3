/**
 * @acme/passkey-core/testing — the store conformance kit: one suite that every `PasskeyStore` /
 * `ChallengeStore` adapter must pass — ours (memory, PostgreSQL, PGlite, MySQL, Redis) and yours.
 */

import type { ChallengeStore, PasskeyStore } from '@acme/passkey-core';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { challengeStoreCases } from './challenge-cases';
import { passkeyStoreCases } from './passkey-cases';

export { randomId, samplePasskey } from './fixtures';

/** What `makeStores` returns: a challenges-only adapter omits `store`, and vice versa. */
export interface ConformanceStores {
  store?: PasskeyStore;
  challenges?: ChallengeStore;
  close?(): void | Promise<void>;
}

/** Creates fresh, empty stores; called once per test (and twice for the isolation tests). */
export type MakeStores = () => ConformanceStores | Promise<ConformanceStores>;

/** A test body given a way to open stores that are closed after the test. */
export type ConformanceCase<S> = (open: () => Promise<S>) => Promise<void>;

/**
 * Declares the conformance suite (Vitest) for an adapter: the atomic limit, one credential ID
 * once, the compare-and-set use, the single-use take and isolation, under concurrency. `makeStores` opens
 * fresh, empty stores for each test; parts for a store the adapter does not provide are reported
 * as skipped, with the reason.
 *
 * @example
 * // my-store.test.ts, run by Vitest
 * import { describeStoreConformance } from '@acme/passkey-core/testing';
 *
 * describeStoreConformance('my adapter', async () => {
 *   const db = await connect();
 *   await migrate(db);
 *   return { store: myStore(db), challenges: myChallenges(db), close: () => db.end() };
 * });
 */
export function describeStoreConformance(name: string, makeStores: MakeStores): void {
  describe(`store conformance: ${name}`, () => {
    const opened: ConformanceStores[] = [];
    let has = { store: false, challenges: false };

    beforeAll(async () => {
      const probe = await makeStores();
      has = { store: probe.store !== undefined, challenges: probe.challenges !== undefined };
      await probe.close?.();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close?.();
    });

    const open = async () => {
      const s = await makeStores();
      opened.push(s);
      return s;
    };

    describe('PasskeyStore', () => {
      for (const [title, body] of Object.entries(passkeyStoreCases)) {
        it(title, async (ctx) => {
          if (!has.store) return ctx.skip('this adapter has no PasskeyStore');
          await body(async () => (await open()).store as PasskeyStore);
        });
      }
    });
    describe('ChallengeStore', () => {
      for (const [title, body] of Object.entries(challengeStoreCases)) {
        it(title, async (ctx) => {
          if (!has.challenges) return ctx.skip('this adapter has no ChallengeStore');
          await body(async () => (await open()).challenges as ChallengeStore);
        });
      }
    });
  });
}
