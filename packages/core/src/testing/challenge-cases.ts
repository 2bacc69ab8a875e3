import type { ChallengeRecord, ChallengeStore } from '@acme/passkey-core';
import { expect } from 'vitest';
import { randomId } from './fixtures';
import type { ConformanceCase } from './index';

const record = (extra: Record<string, unknown> = {}): ChallengeRecord => ({
  expiresAt: Date.now() + 60_000,
  kind: 'authentication',
  challenge: randomId(32),
  ...extra,
});

/** The ChallengeStore half of the conformance suite: title → body. */
export const challengeStoreCases: Record<string, ConformanceCase<ChallengeStore>> = {
  async 'returns a record once, intact'(open) {
    const challenges = await open();
    const id = randomId();
    const r = record({ nested: { list: [1, 'two', null, true], text: 'Zürich ✓ 💳' }, amount: '0.10' });
    await challenges.put(id, r, { ttlMs: 60_000 });
    expect(await challenges.take(id)).toEqual(r);
    expect(await challenges.take(id)).toBeNull();
  },

  async 'answers null for an unknown ID'(open) {
    const challenges = await open();
    expect(await challenges.take(randomId())).toBeNull();
  },

  async 'gives a record to exactly one of 50 concurrent takes'(open) {
    const challenges = await open();
    const id = randomId();
    await challenges.put(id, record(), { ttlMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => challenges.take(id)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  },

  async 'leaves expiry to the server: a record past its expiresAt is still returned'(open) {
    const challenges = await open();
    const id = randomId();
    const r = record({ expiresAt: 1 });
    await challenges.put(id, r, { ttlMs: 60_000 });
    expect(await challenges.take(id)).toEqual(r);
  },

  async 'keeps records apart by ID'(open) {
    const challenges = await open();
    const ids = Array.from({ length: 5 }, () => randomId());
    await Promise.all(ids.map((id, i) => challenges.put(id, record({ i }), { ttlMs: 60_000 })));
    const taken = await Promise.all([...ids].reverse().map((id) => challenges.take(id)));
    expect(taken.map((r) => r?.i)).toEqual([4, 3, 2, 1, 0]);
  },

  async 'shares nothing between two instances'(open) {
    const a = await open();
    const b = await open();
    const id = randomId();
    await a.put(id, record(), { ttlMs: 60_000 });
    expect(await b.take(id)).toBeNull();
    expect(await a.take(id)).not.toBeNull();
  },
};
