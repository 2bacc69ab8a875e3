import { createMemoryPasskeyStore, PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createPasskeyHandler, createPasskeyServer } from '../src/index';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

const release = { action: 'p2p.release', details: { orderId: '1', amount: '5.00', asset: 'BTC' } };

describe('resilience: racing first registrations, failing stores and keys, misconfigured hooks', () => {
  it('gives a user one handle even when their first registrations race', async () => {
    const s = setup();
    const starts = await Promise.all(
      [1, 2, 3].map(() =>
        s.server.startRegistration({
          user: alice,
          lastVerifiedAt: s.clock.now,
          lastVerifiedWith: 'second-factor',
        }),
      ),
    );
    expect(new Set(starts.map((x) => x.options.user.id)).size).toBe(1);
    for (const x of starts) {
      await s.server.finishRegistration({
        ceremonyId: x.ceremonyId,
        userId: alice.id,
        response: await authenticator().create(x.options, { origin: ORIGIN }),
      });
    }
    expect(new Set((await s.store.listByUser(alice.id)).map((p) => p.userHandle)).size).toBe(1);
  });

  it('finds a mismatched receipt key before the step-up ceremony is spent', async () => {
    const a = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    const b = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    const s = setup({ receipts: { privateKey: { ...a, x: b.x, y: b.y } } });
    const auth = authenticator();
    await register(s, auth);
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN });
    await expect(s.server.finishStepUp({ ceremonyId, userId: alice.id, response })).rejects.toThrow();
    expect(await s.challenges.take(ceremonyId)).not.toBeNull();
  });

  it('reports a removal that happened, even when a later read fails', async () => {
    const inner = createMemoryPasskeyStore();
    let removed = false;
    const store: PasskeyStore = {
      ...inner,
      remove: async (u, id) => (removed = await inner.remove(u, id)),
      listByUser: async (u) => {
        if (removed) throw new Error('replica lag');
        return inner.listByUser(u);
      },
    };
    const s = setup({ store });
    const view = await register(s, authenticator());
    await expect(
      s.server.remove(alice.id, view.id, {
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
        confirm: true,
      }),
    ).resolves.toEqual({ remaining: 0 });
    await rejectsWith(
      s.server.remove(alice.id, view.id, { lastVerifiedAt: 'yesterday' as never, confirm: true }),
      'INVALID_REQUEST',
    );
  });

  it('hides an adapter’s own store message from clients, keeping it as the cause', async () => {
    const own = new PasskeyError('STORE_UNAVAILABLE', 'PostgreSQL store: connection to db-7.internal failed');
    const s = setup({
      store: { ...createMemoryPasskeyStore(), listByUser: async () => Promise.reject(own) },
    });
    const err = await s.server.list(alice.id).catch((e: PasskeyError) => e);
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: own });
    expect((err as Error).message).not.toMatch(/PostgreSQL|db-7/);
  });

  it.each(['127.0.0.1', '10.0.0.1', '1.2.3.4'])('refuses the IP address %s as an RP ID', (id) => {
    expect(() => createPasskeyServer({ rp: { id, name: 'x' }, origins: [`https://${id}`] })).toThrow(
      TypeError,
    );
  });

  it('treats a malformed findUser answer as the app’s bug, and refuses a username with autofill first', async () => {
    let asked = 0;
    const s = setup({
      logger: { warn() {}, error() {} },
      findUser: () => {
        asked++;
        return { id: 42 } as never;
      },
    });
    const handle = createPasskeyHandler(s.server, { getSession: () => null });
    const post = (body: unknown) =>
      handle(
        new Request(`${ORIGIN}/passkeys/login/options`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    expect((await post({ username: 'alice' }))!.status).toBe(500);
    expect(asked).toBe(1);
    expect((await post({ username: 'alice', mediation: 'conditional' }))!.status).toBe(400);
    expect(asked).toBe(1);
  });

  it('keeps its secret and keys out of what a log would print', async () => {
    const { inspect } = await import('node:util');
    const printed = inspect(setup({ secret: 'a-very-secret-value-123' }).server, {
      depth: 5,
      showHidden: true,
    });
    expect(printed).not.toContain('secret');
  });
});
