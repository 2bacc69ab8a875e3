import { describe, expect, it } from 'vitest';
import { createMemoryChallengeStore } from '../src/index';

describe('createMemoryChallengeStore', () => {
  it('drops abandoned records lazily on writes, never on its own', async () => {
    let t = 1_000_000;
    const store = createMemoryChallengeStore({ now: () => t });
    await store.put('old', { expiresAt: 0 }, { ttlMs: 1000 });
    t += 5000;
    // No write since: still present (take returns any record still present).
    await store.put('new', { expiresAt: 0 }, { ttlMs: 1000 });
    expect(await store.take('old')).toBeNull();
    expect(await store.take('new')).not.toBeNull();
  });

  it('keeps memory bounded under a flood of abandoned ceremonies', async () => {
    let t = 0;
    const store = createMemoryChallengeStore({ now: () => t });
    for (let i = 0; i < 10_000; i++) {
      t += 10;
      await store.put(`c${i}`, { expiresAt: t + 100 }, { ttlMs: 100 });
    }
    let alive = 0;
    for (let i = 0; i < 10_000; i++) if ((await store.take(`c${i}`)) !== null) alive++;
    // TTL 100 ms + at most one sweep interval (1 s) of 10 ms steps.
    expect(alive).toBeLessThanOrEqual(120);
  });

  it('keeps sweeping when its clock steps back (a wall clock set back by an hour)', async () => {
    let t = 10_000_000;
    const store = createMemoryChallengeStore({ now: () => t });
    await store.put('first', { expiresAt: 0 }, { ttlMs: 100 });
    t -= 3_600_000;
    for (let i = 0; i < 1000; i++) {
      t += 10;
      await store.put(`c${i}`, { expiresAt: 0 }, { ttlMs: 100 });
    }
    let alive = 0;
    for (let i = 0; i < 1000; i++) if ((await store.take(`c${i}`)) !== null) alive++;
    // As without the step: TTL 100 ms + at most one sweep interval (1 s) of 10 ms steps.
    expect(alive).toBeLessThanOrEqual(110);
  });
});
