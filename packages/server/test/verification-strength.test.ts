import { describe, expect, it } from 'vitest';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from './helpers';
import { BASE, expectError, httpSetup, jsonOf, registerOverHttp } from './http-helpers';

/**
 * A stolen password must be worth nothing against an account that has a passkey: it may enable
 * the first passkey (the owner's own enrolment), but neither add another nor remove one.
 */
describe('verification strength: what a password alone can do', () => {
  it('enables the first passkey after any fresh verification, a password included', async () => {
    const s = setup();
    for (const lastVerifiedWith of [undefined, 'password', 'second-factor', 'passkey'] as const) {
      const start = s.server.startRegistration({ user: bob, lastVerifiedAt: s.clock.now, lastVerifiedWith });
      await expect(start).resolves.toHaveProperty('ceremonyId');
    }
  });

  it('refuses a password (or an unnamed method) to add a passkey once the account has one, and says what would do', async () => {
    const s = setup();
    await register(s, authenticator());
    for (const lastVerifiedWith of [undefined, 'password'] as const) {
      const refused = s.server.startRegistration({
        user: alice,
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith,
      });
      await expect(refused).rejects.toMatchObject({
        code: 'STEP_UP_REQUIRED',
        status: 403,
        details: { methods: ['passkey', 'second-factor'], maxAgeSeconds: 300 },
      });
    }
    for (const lastVerifiedWith of ['passkey', 'second-factor'] as const) {
      await expect(
        s.server.startRegistration({ user: alice, lastVerifiedAt: s.clock.now, lastVerifiedWith }),
      ).resolves.toHaveProperty('options');
    }
    // Strong but stale is refused too.
    s.advance(301);
    await rejectsWith(
      s.server.startRegistration({
        user: alice,
        lastVerifiedAt: new Date(s.clock.now.getTime() - 301_000),
        lastVerifiedWith: 'passkey',
      }),
      'STEP_UP_REQUIRED',
    );
  });

  it('refuses a first-passkey ceremony started on a password once the owner’s passkey landed in between', async () => {
    const s = setup();
    // The thief starts while the account has no passkey...
    const thief = await s.server.startRegistration({
      user: alice,
      lastVerifiedAt: s.clock.now,
      lastVerifiedWith: 'password',
    });
    // ...the owner enrols theirs...
    await register(s, authenticator());
    // ...and the thief's finish is refused, nothing stored.
    const response = await authenticator().create(thief.options, { origin: ORIGIN });
    // It says what an account with a passkey needs: a password is not among them.
    await expect(
      s.server.finishRegistration({ ceremonyId: thief.ceremonyId, userId: alice.id, response }),
    ).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
      details: { methods: ['passkey', 'second-factor'], maxAgeSeconds: 300 },
    });
    expect(await s.store.listByUser(alice.id)).toHaveLength(1);
  });

  it('refuses a password to remove a passkey, then lets a strong verification do it', async () => {
    const s = setup();
    const view = await register(s, authenticator());
    for (const lastVerifiedWith of [undefined, 'password'] as const) {
      await expect(
        s.server.remove(alice.id, view.id, { lastVerifiedAt: s.clock.now, lastVerifiedWith, confirm: true }),
      ).rejects.toMatchObject({
        code: 'STEP_UP_REQUIRED',
        details: { methods: ['passkey', 'second-factor'] },
      });
    }
    expect(await s.store.get(view.id)).not.toBeNull();
    await expect(
      s.server.remove(alice.id, view.id, {
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'passkey',
        confirm: true,
      }),
    ).resolves.toEqual({ remaining: 0 });
  });

  it('follows policy.strongVerification: a second factor is not enough when only passkeys are', async () => {
    const s = setup({ policy: { strongVerification: ['passkey'] } });
    const view = await register(s, authenticator());
    await rejectsWith(
      s.server.startRegistration({
        user: alice,
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
      }),
      'STEP_UP_REQUIRED',
    );
    await rejectsWith(
      s.server.remove(alice.id, view.id, {
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
        confirm: true,
      }),
      'STEP_UP_REQUIRED',
    );
  });

  it('refuses a verification method it does not know', async () => {
    const s = setup();
    for (const lastVerifiedWith of ['sms', '', 'PASSKEY', 1, null]) {
      await rejectsWith(
        s.server.startRegistration({
          user: alice,
          lastVerifiedAt: s.clock.now,
          lastVerifiedWith: lastVerifiedWith as never,
        }),
        'INVALID_REQUEST',
      );
    }
  });

  it('removes without a verification only on the app’s recovery path, and the event says so', async () => {
    const s = setup();
    const view = await register(s, authenticator());
    await rejectsWith(
      s.server.remove(alice.id, view.id, { recovery: true } as never),
      'CONFIRMATION_REQUIRED',
    );
    await rejectsWith(
      s.server.remove(alice.id, view.id, { recovery: 'yes', confirm: true } as never),
      'INVALID_REQUEST',
    );
    await expect(s.server.remove(alice.id, view.id, { recovery: true, confirm: true })).resolves.toEqual({
      remaining: 0,
    });
    expect(s.events.at(-1)).toMatchObject({ type: 'passkey.removed', passkeyId: view.id, recovery: true });
  });
});

describe('verification strength over HTTP', () => {
  it('a session verified by password alone can neither add nor remove a passkey once one exists', async () => {
    const h = httpSetup();
    const owner = h.signIn(alice, h.clock.now, 'second-factor');
    const { passkey } = await registerOverHttp(h, authenticator(), owner);
    const thief = h.signIn(alice, h.clock.now, 'password');
    const add = await h.send({ path: `${BASE}/register/options`, body: {}, token: thief });
    const error = await expectError(add, 'STEP_UP_REQUIRED');
    expect(error.details).toEqual({ methods: ['passkey', 'second-factor'], maxAgeSeconds: 300 });
    const del = await h.send({
      method: 'DELETE',
      path: `${BASE}/${passkey.id}`,
      body: { confirm: true },
      token: thief,
    });
    await expectError(del, 'STEP_UP_REQUIRED');
    expect(await h.store.get(passkey.id)).not.toBeNull();
  });

  it('never takes the recovery path from a request body', async () => {
    const h = httpSetup();
    const { passkey } = await registerOverHttp(h, authenticator(), h.signIn(alice));
    const thief = h.signIn(alice, h.clock.now, 'password');
    const res = await h.send({
      method: 'DELETE',
      path: `${BASE}/${passkey.id}`,
      body: { confirm: true, recovery: true, lastVerifiedWith: 'passkey' },
      token: thief,
    });
    await expectError(res, 'STEP_UP_REQUIRED');
  });

  it('a passkey step-up marks the session strongly verified (onVerified), which then may add a passkey', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const token = h.signIn(alice, h.clock.now, 'password');
    await expectError(
      await h.send({ path: `${BASE}/register/options`, body: {}, token }),
      'STEP_UP_REQUIRED',
    );
    const opts = await jsonOf(
      await h.send({
        path: `${BASE}/step-up/options`,
        body: { action: 'account.verify', details: {} },
        token,
      }),
    );
    const response = await auth.get(opts.options as never, { origin: ORIGIN });
    const verified = await h.send({
      path: `${BASE}/step-up/verify`,
      body: { ceremonyId: opts.ceremonyId, response },
      token,
    });
    expect(verified.status).toBe(200);
    expect(Object.keys(await jsonOf(verified))).toEqual(['receipt']);
    expect(h.sessions.get(token)?.lastVerifiedWith).toBe('passkey');
    expect((await h.send({ path: `${BASE}/register/options`, body: {}, token })).status).toBe(200);
  });
});
