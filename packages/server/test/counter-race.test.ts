/**
 * WebAuthn L3 §7.2 step 20 under concurrency: a use is written by compare-and-set on the stored
 * counter. When another sign-in lands between this one's read and its write, the write is judged
 * again against what is stored now: a counter still ahead is written; one that fell behind is a
 * regression; a passkey removed in between is not found; a store that never lets the write land
 * is unavailable, after a bounded number of tries.
 */
import { createMemoryPasskeyStore, type PasskeyStore, type PasskeyUse } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

/**
 * A memory store whose next `recordUse` calls each run `before(id)` first: another sign-in (or a
 * removal) that lands between this sign-in's read and its compare-and-set.
 */
function racingStore() {
  const inner = createMemoryPasskeyStore();
  const interleaved: Array<(id: string) => Promise<void>> = [];
  const calls = { recordUse: 0, get: 0 };
  const store: PasskeyStore = {
    ...inner,
    get: async (id) => {
      calls.get++;
      return inner.get(id);
    },
    recordUse: async (id: string, use: PasskeyUse) => {
      calls.recordUse++;
      await interleaved.shift()?.(id);
      return inner.recordUse(id, use);
    },
  };
  return { store, inner, interleaved, calls };
}

/** Another sign-in landing first, moving the stored counter to `counter`. */
const landed = (inner: PasskeyStore, counter: number) => async (id: string) => {
  const now = (await inner.get(id)) ?? expect.unreachable('the passkey is stored');
  const use = { expectedCounter: now.counter, counter, backedUp: now.backedUp, usedAt: new Date(0) };
  expect(await inner.recordUse(id, use)).toBe(true);
};

async function world(policy: { counterRegression?: 'reject' | 'flag' } = {}) {
  const race = racingStore();
  const s = setup({ store: race.store, policy });
  const auth = authenticator({ counter: { start: 10, increment: 10 } });
  const passkey = await register(s, auth);
  race.calls.get = 0;
  race.calls.recordUse = 0;
  /** Signs in with the authenticator's next counter (its stored one + 10). */
  const signIn = async () => {
    const { ceremonyId, options } = await s.server.startAuthentication();
    const response = await auth.get(options, { origin: ORIGIN });
    return s.server.finishAuthentication({ ceremonyId, response });
  };
  return { ...race, s, passkey, signIn };
}

const types = (s: ReturnType<typeof setup>) => s.events.map((e) => e.type);

describe('recording a use when another lands first (§7.2 step 20, compare-and-set)', () => {
  it('writes the counter again over the one that landed when this one is still ahead', async () => {
    const w = await world({ counterRegression: 'reject' });
    // Stored 10; this sign-in says 20; another lands first with 15.
    w.interleaved.push(landed(w.inner, 15));
    const result = await w.signIn();
    expect(result.passkey.id).toBe(w.passkey.id);
    expect(w.calls.recordUse).toBe(2);
    expect((await w.inner.get(w.passkey.id))?.counter).toBe(20);
    expect(types(w.s)).not.toContain('passkey.counter_regression');
    expect(types(w.s).at(-1)).toBe('passkey.authenticated');
  });

  it('refuses, under counterRegression: reject, a counter the one that landed overtook', async () => {
    const w = await world({ counterRegression: 'reject' });
    // Stored 10; this sign-in says 20; another lands first with 25.
    w.interleaved.push(landed(w.inner, 25));
    await rejectsWith(w.signIn(), 'COUNTER_REGRESSION');
    expect(w.calls.recordUse).toBe(1);
    expect((await w.inner.get(w.passkey.id))?.counter).toBe(25);
    expect(types(w.s)).toContain('passkey.counter_regression');
    expect(types(w.s)).not.toContain('passkey.authenticated');
  });

  it('flags it under counterRegression: flag, signs in, and never moves the stored counter back', async () => {
    const w = await world({ counterRegression: 'flag' });
    w.interleaved.push(landed(w.inner, 25));
    await expect(w.signIn()).resolves.toMatchObject({ userId: alice.id });
    expect(w.calls.recordUse).toBe(2);
    expect((await w.inner.get(w.passkey.id))?.counter).toBe(25);
    const flagged = w.s.events.filter((e) => e.type === 'passkey.counter_regression');
    expect(flagged).toEqual([expect.objectContaining({ userId: alice.id, passkeyId: w.passkey.id })]);
  });

  it('is CREDENTIAL_NOT_FOUND when the passkey was removed in between', async () => {
    const w = await world();
    w.interleaved.push(async (id) => {
      expect(await w.inner.remove(alice.id, id)).toBe(true);
    });
    await rejectsWith(w.signIn(), 'CREDENTIAL_NOT_FOUND');
    expect(types(w.s)).not.toContain('passkey.authenticated');
  });

  it('keeps trying while others land first, five times, then is STORE_UNAVAILABLE', async () => {
    const w = await world({ counterRegression: 'flag' });
    // Four others land first, each a step behind this sign-in's 20: the fifth try writes.
    for (const counter of [11, 12, 13, 14]) w.interleaved.push(landed(w.inner, counter));
    await expect(w.signIn()).resolves.toMatchObject({ userId: alice.id });
    expect(w.calls.recordUse).toBe(5);
    expect(w.calls.get).toBe(4 + 1);
    expect((await w.inner.get(w.passkey.id))?.counter).toBe(20);
    expect(types(w.s)).not.toContain('passkey.counter_regression');

    // Five others land first (the authenticator is now at 30): no sixth try.
    for (const counter of [21, 22, 23, 24, 25]) w.interleaved.push(landed(w.inner, counter));
    w.calls.recordUse = 0;
    await rejectsWith(w.signIn(), 'STORE_UNAVAILABLE');
    expect(w.calls.recordUse).toBe(5);
    expect((await w.inner.get(w.passkey.id))?.counter).toBe(25);
  });
});
