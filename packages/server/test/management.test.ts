import type { PasskeyStore } from '@acme/passkey-core';
import { createMemoryPasskeyStore } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, bob, register, rejectsWith, setup } from './helpers';

describe('management', () => {
  it('lists the user’s passkeys, the limit, the RP ID and the user handle', async () => {
    const s = setup();
    expect(await s.server.list(alice.id)).toEqual({
      passkeys: [],
      limit: 10,
      rpId: 'example.com',
      userHandle: null,
    });
    const a = await register(s, authenticator());
    s.advance(1);
    const b = await register(s, authenticator());
    await register(s, authenticator(), bob);
    const listed = await s.server.list(alice.id);
    expect(listed.passkeys.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(listed.userHandle).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(listed)).not.toMatch(/publicKey|counter|aaguid/);
  });

  it('renames only the owner’s passkey, with the documented name rule', async () => {
    const s = setup();
    const a = await register(s, authenticator());
    await expect(s.server.rename(alice.id, a.id, '  Café laptop ')).resolves.toMatchObject({
      id: a.id,
      name: 'Café laptop',
    });
    expect(s.events.at(-1)).toMatchObject({ type: 'passkey.renamed', userId: alice.id, passkeyId: a.id });
    await rejectsWith(s.server.rename(bob.id, a.id, 'Mine'), 'CREDENTIAL_NOT_FOUND');
    await rejectsWith(s.server.rename(alice.id, 'AAAAAAAAAAAAAAAAAAAAAA', 'Ghost'), 'CREDENTIAL_NOT_FOUND');
    for (const name of ['', ' ', 'a\u200bb', 'x'.repeat(65), 42]) {
      await rejectsWith(s.server.rename(alice.id, a.id, name as string), 'INVALID_NAME');
    }
    await rejectsWith(s.server.rename(alice.id, 'not an id!', 'Name'), 'INVALID_REQUEST');
    expect((await s.store.get(a.id))?.name).toBe('Café laptop');
  });

  it('tells the impact of a removal, only to the owner', async () => {
    const s = setup();
    const a = await register(s, authenticator());
    expect(await s.server.removalImpact(alice.id, a.id)).toEqual({
      remaining: 0,
      lastPasskey: true,
      lowersSecurity: true,
    });
    await register(s, authenticator());
    expect(await s.server.removalImpact(alice.id, a.id)).toEqual({
      remaining: 1,
      lastPasskey: false,
      lowersSecurity: true,
    });
    await rejectsWith(s.server.removalImpact(bob.id, a.id), 'CREDENTIAL_NOT_FOUND');
  });

  it('removes after ownership, confirmation and a fresh verification, in that order', async () => {
    const s = setup();
    const a = await register(s, authenticator());
    const stale = new Date(s.clock.now.getTime() - 301_000);
    await rejectsWith(
      s.server.remove(bob.id, a.id, { lastVerifiedAt: stale, confirm: false as never }),
      'CREDENTIAL_NOT_FOUND',
    );
    await expect(
      s.server.remove(alice.id, a.id, { lastVerifiedAt: stale, confirm: false as never }),
    ).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { remaining: 0, lastPasskey: true, lowersSecurity: true },
    });
    await rejectsWith(
      s.server.remove(alice.id, a.id, { lastVerifiedAt: stale, confirm: true }),
      'STEP_UP_REQUIRED',
    );
    await rejectsWith(
      s.server.remove(alice.id, a.id, { lastVerifiedAt: null, confirm: true }),
      'STEP_UP_REQUIRED',
    );
    expect(await s.store.get(a.id)).not.toBeNull();
    await expect(
      s.server.remove(alice.id, a.id, {
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
        confirm: true,
      }),
    ).resolves.toEqual({ remaining: 0 });
    expect(s.events.at(-1)).toMatchObject({ type: 'passkey.removed', userId: alice.id, passkeyId: a.id });
    await rejectsWith(
      s.server.remove(alice.id, a.id, {
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
        confirm: true,
      }),
      'CREDENTIAL_NOT_FOUND',
    );
  });

  it('turns a failing store into STORE_UNAVAILABLE with its cause', async () => {
    const broken = new Error('connection reset');
    const store: PasskeyStore = {
      ...createMemoryPasskeyStore(),
      listByUser: async () => Promise.reject(broken),
    };
    const s = setup({ store });
    await expect(s.server.list(alice.id)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      status: 503,
      cause: broken,
    });
  });

  it('never fails a ceremony because the event hook throws', async () => {
    const errors: unknown[] = [];
    const s = setup({
      onEvent: () => {
        throw new Error('audit sink down');
      },
      logger: { warn: () => {}, error: (_m, e) => errors.push(e) },
    });
    await expect(register(s, authenticator())).resolves.toBeDefined();
    expect(errors).toHaveLength(1);
  });
});
