import type { Passkey, PasskeyStore } from '@acme/passkey-core';
import { expect } from 'vitest';
import { randomId, samplePasskey } from './fixtures';
import type { ConformanceCase } from './index';

const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** The PasskeyStore half of the conformance suite: title → body. */
export const passkeyStoreCases: Record<string, ConformanceCase<PasskeyStore>> = {
  async 'creates, gets and lists a passkey with every field intact'(open) {
    const store = await open();
    const p = samplePasskey({
      attachment: null,
      transports: [],
      aaguid: '00000000-0000-0000-0000-000000000000',
    });
    expect(await store.create(p, { maxPerUser: 10 })).toBe('created');
    const got = await store.get(p.id);
    expect(got).toEqual(p);
    expect(got?.publicKey).toBeInstanceOf(Uint8Array);
    expect(got?.createdAt).toBeInstanceOf(Date);
    expect(await store.listByUser(p.userId)).toEqual([p]);
    const used = samplePasskey({ lastUsedAt: new Date('2026-02-03T04:05:06.789Z'), counter: 4_000_000_000 });
    expect(await store.create(used, { maxPerUser: 10 })).toBe('created');
    expect(await store.get(used.id)).toEqual(used);
  },

  async 'answers null and [] for what it does not hold'(open) {
    const store = await open();
    expect(await store.get(randomId())).toBeNull();
    expect(await store.listByUser('nobody')).toEqual([]);
  },

  async "lists only the user's passkeys, oldest first"(open) {
    const store = await open();
    const userId = `u-${randomId(4)}`;
    const dates = [3, 1, 2].map((d) => new Date(Date.UTC(2026, 0, d)));
    for (const createdAt of dates)
      await store.create(samplePasskey({ userId, createdAt }), { maxPerUser: 10 });
    await store.create(samplePasskey(), { maxPerUser: 10 });
    const listed = await store.listByUser(userId);
    expect(listed.map((p) => p.createdAt.getUTCDate())).toEqual([1, 2, 3]);
  },

  async 'lets exactly maxPerUser of 50 concurrent creates land'(open) {
    const store = await open();
    const userId = `u-${randomId(4)}`;
    const results = await Promise.all(
      times(50, () => store.create(samplePasskey({ userId }), { maxPerUser: 10 })),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(10);
    expect(results.filter((r) => r === 'limit')).toHaveLength(40);
    expect(await store.listByUser(userId)).toHaveLength(10);
  },

  async 'counts the passkeys already stored against the limit'(open) {
    const store = await open();
    const userId = `u-${randomId(4)}`;
    for (let i = 0; i < 9; i++) await store.create(samplePasskey({ userId }), { maxPerUser: 10 });
    const results = await Promise.all(
      times(20, () => store.create(samplePasskey({ userId }), { maxPerUser: 10 })),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    const other = await store.create(samplePasskey(), { maxPerUser: 10 });
    expect(other).toBe('created');
  },

  async 'never stores a credential ID twice, for any user, under concurrency'(open) {
    const store = await open();
    const id = randomId();
    const results = await Promise.all(
      times(20, () => store.create(samplePasskey({ id }), { maxPerUser: 10 })),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(19);
    const owner = (await store.get(id))?.userId as string;
    expect(await store.listByUser(owner)).toHaveLength(1);
  },

  async 'reports a duplicate before the limit'(open) {
    const store = await open();
    const p = samplePasskey();
    await store.create(p, { maxPerUser: 1 });
    expect(await store.create({ ...p, name: 'again' }, { maxPerUser: 1 })).toBe('duplicate');
  },

  async "renames only the owner's passkey"(open) {
    const store = await open();
    const p = samplePasskey();
    await store.create(p, { maxPerUser: 10 });
    expect(await store.rename('someone-else', p.id, 'Mine now')).toBeNull();
    expect(await store.rename(p.userId, randomId(), 'Nothing')).toBeNull();
    expect((await store.get(p.id))?.name).toBe(p.name);
    const renamed = await store.rename(p.userId, p.id, 'Work laptop ✓');
    expect(renamed).toEqual({ ...p, name: 'Work laptop ✓' });
    expect((await store.get(p.id))?.name).toBe('Work laptop ✓');
  },

  async "removes only the owner's passkey, once"(open) {
    const store = await open();
    const p = samplePasskey();
    await store.create(p, { maxPerUser: 10 });
    expect(await store.remove('someone-else', p.id)).toBe(false);
    expect(await store.get(p.id)).not.toBeNull();
    const results = await Promise.all(times(10, () => store.remove(p.userId, p.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get(p.id)).toBeNull();
    expect(await store.listByUser(p.userId)).toEqual([]);
  },

  async 'records a use only when the counter is still the expected one'(open) {
    const store = await open();
    const p = samplePasskey({ counter: 5, backedUp: false });
    await store.create(p, { maxPerUser: 10 });
    const usedAt = new Date('2026-03-01T10:00:00.000Z');
    expect(await store.recordUse(p.id, { expectedCounter: 4, counter: 9, backedUp: true, usedAt })).toBe(
      false,
    );
    expect(await store.get(p.id)).toEqual(p);
    expect(await store.recordUse(p.id, { expectedCounter: 5, counter: 6, backedUp: true, usedAt })).toBe(
      true,
    );
    expect(await store.get(p.id)).toEqual({ ...p, counter: 6, backedUp: true, lastUsedAt: usedAt });
    expect(
      await store.recordUse(randomId(), { expectedCounter: 0, counter: 1, backedUp: false, usedAt }),
    ).toBe(false);
  },

  async 'lets one of 50 concurrent uses of one counter value land'(open) {
    const store = await open();
    const p = samplePasskey({ counter: 10 });
    await store.create(p, { maxPerUser: 10 });
    const usedAt = new Date();
    const results = await Promise.all(
      times(50, (i) =>
        store.recordUse(p.id, { expectedCounter: 10, counter: 11 + i, backedUp: true, usedAt }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect((await store.get(p.id))?.counter).toBe(11 + winner);
  },

  async 'keeps stored state apart from the objects callers hold'(open) {
    const store = await open();
    const p = samplePasskey();
    await store.create(p, { maxPerUser: 10 });
    p.name = 'mutated';
    p.publicKey[0] = (p.publicKey[0] ?? 0) ^ 0xff;
    const got = (await store.get(p.id))!;
    expect(got.name).not.toBe('mutated');
    got.transports.push('usb');
    expect((await store.get(p.id))?.transports).not.toContain('usb');
  },

  async 'shares nothing between two instances'(open) {
    const a = await open();
    const b = await open();
    const p = samplePasskey();
    await a.create(p, { maxPerUser: 10 });
    expect(await b.get(p.id)).toBeNull();
    expect(await b.listByUser(p.userId)).toEqual([]);
    expect(await b.create(p, { maxPerUser: 10 })).toBe('created');
  },

  async 'scans every passkey in ID order, page by page, when it offers scan'(open) {
    const store = await open();
    if (store.scan === undefined) return;
    const stored = times(7, (i) => samplePasskey({ userId: `u-${i % 3}`, id: `${randomId(6)}${i}` }));
    for (const p of stored) expect(await store.create(p, { maxPerUser: 10 })).toBe('created');
    const seen: Passkey[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Passkey[] = await store.scan({ after, limit: 3 });
      expect(page.length).toBeLessThanOrEqual(3);
      if (page.length === 0) break;
      seen.push(...page);
      after = page.at(-1)!.id;
    }
    const ids = stored.map((p) => p.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(seen.map((p) => p.id)).toEqual(ids);
    for (const p of stored) expect(seen.find((s) => s.id === p.id)).toEqual(p);
  },
};
