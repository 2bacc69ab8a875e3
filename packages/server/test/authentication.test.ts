import { describe, expect, it } from 'vitest';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from './helpers';

async function signIn(
  s: ReturnType<typeof setup>,
  auth: ReturnType<typeof authenticator>,
  call: Record<string, unknown> = {},
  userId?: string,
) {
  const { ceremonyId, options } = await s.server.startAuthentication(userId ? { userId } : {});
  const response = await auth.get(options, { origin: ORIGIN, ...call } as never);
  return { ceremonyId, response, finish: () => s.server.finishAuthentication({ ceremonyId, response }) };
}

describe('startAuthentication', () => {
  it('is usernameless by default, with user verification and no credentials named at all', async () => {
    const { options } = await setup().server.startAuthentication();
    expect(options).toMatchObject({
      rpId: 'example.com',
      userVerification: 'required',
      timeout: 300_000,
    });
    expect(options).not.toHaveProperty('allowCredentials');
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);
  });

  it('names a known user’s passkeys with their transports', async () => {
    const s = setup();
    const a = await register(s, authenticator());
    s.advance(1);
    const b = await register(s, authenticator({ attachment: 'cross-platform' }));
    const { options } = await s.server.startAuthentication({
      userId: alice.id,
      authenticator: 'security-key',
    });
    expect(options.allowCredentials).toEqual([
      { id: a.id, type: 'public-key', transports: ['internal'] },
      { id: b.id, type: 'public-key', transports: ['usb'] },
    ]);
    expect(options.hints).toEqual(['security-key']);
  });

  it('refuses a username with autofill, which is usernameless', async () => {
    await rejectsWith(
      setup().server.startAuthentication({ userId: alice.id, mediation: 'conditional' }),
      'INVALID_REQUEST',
    );
  });
});

describe('finishAuthentication', () => {
  it('signs in usernameless, records the use and the backup state', async () => {
    const s = setup();
    const auth = authenticator({ flags: { be: true, bs: false } });
    const view = await register(s, auth);
    s.advance(60);
    // The provider has since synced the passkey: the assertion says backed up (BS).
    const attempt = await signIn(s, auth, { flags: { be: true, bs: true } });
    const result = await attempt.finish();
    expect(result.userId).toBe(alice.id);
    expect(result.passkey).toMatchObject({ id: view.id, lastUsedAt: s.clock.now, synced: true });
    const stored = await s.store.get(view.id);
    expect(stored).toMatchObject({
      counter: auth.credentials[0]?.counter,
      backedUp: true,
      lastUsedAt: s.clock.now,
    });
    expect(s.events.at(-1)).toMatchObject({
      type: 'passkey.authenticated',
      userId: alice.id,
      passkeyId: view.id,
    });
  });

  it('signs in a known user with one of their passkeys', async () => {
    const s = setup();
    const auth = authenticator({ discoverable: false });
    await register(s, auth);
    await expect((await signIn(s, auth, {}, alice.id)).finish()).resolves.toMatchObject({ userId: alice.id });
  });

  it('refuses a passkey of another user in a known-user ceremony', async () => {
    const s = setup();
    const bobs = authenticator();
    await register(s, authenticator());
    await register(s, bobs, bob);
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
    const response = await bobs.get({ ...options, allowCredentials: [] }, { origin: ORIGIN });
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'CREDENTIAL_NOT_FOUND');
  });

  it('does not know a credential removed on the server', async () => {
    const s = setup();
    const auth = authenticator();
    const view = await register(s, auth);
    await s.server.remove(alice.id, view.id, {
      lastVerifiedAt: s.clock.now,
      lastVerifiedWith: 'second-factor',
      confirm: true,
    });
    await rejectsWith((await signIn(s, auth)).finish(), 'CREDENTIAL_NOT_FOUND');
  });

  const faults = [
    ['another origin', { faults: { origin: 'https://evil.example' } }, 'ORIGIN_MISMATCH'],
    ['another RP ID', { faults: { rpId: 'evil.example' } }, 'RP_ID_MISMATCH'],
    [
      'another challenge',
      { faults: { challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
      'VERIFICATION_FAILED',
    ],
    ['a create type', { faults: { type: 'webauthn.create' } }, 'VERIFICATION_FAILED'],
    ['a forged signature', { faults: { badSignature: true } }, 'VERIFICATION_FAILED'],
    // Usernameless, a credential that does not carry its stored handle is answered as unknown: no
    // response may tell a real credential ID from a made-up one.
    [
      'another user handle, usernameless',
      { faults: { userHandle: Buffer.alloc(32, 7).toString('base64url') } },
      'CREDENTIAL_NOT_FOUND',
    ],
    ['no user handle, usernameless', { faults: { userHandle: null } }, 'VERIFICATION_FAILED'],
    ['no user verification', { flags: { uv: false } }, 'USER_VERIFICATION_REQUIRED'],
    ['no user presence', { flags: { up: false } }, 'USER_VERIFICATION_REQUIRED'],
    ['a counter that went back', { faults: { counter: 0 } }, 'COUNTER_REGRESSION'],
  ] as const;
  it.each(faults)('refuses %s and records no use', async (_, call, code) => {
    const s = setup();
    const auth = authenticator();
    const view = await register(s, auth);
    await (await signIn(s, auth)).finish();
    const before = await s.store.get(view.id);
    const attempt = await signIn(s, auth, call);
    await rejectsWith(attempt.finish(), code);
    expect(await s.store.get(view.id)).toEqual(before);
    expect(s.events.at(-1)).toMatchObject({ type: 'ceremony.failed', code });
  });

  it('§7.2 step 20: flags a counter regression and signs in when the policy says so', async () => {
    const s = setup({ policy: { counterRegression: 'flag' } });
    const auth = authenticator();
    const view = await register(s, auth);
    await (await signIn(s, auth)).finish();
    const stored = (await s.store.get(view.id))!.counter;
    await expect((await signIn(s, auth, { faults: { counter: 0 } })).finish()).resolves.toMatchObject({
      userId: alice.id,
    });
    expect(s.events.map((e) => e.type)).toContain('passkey.counter_regression');
    expect((await s.store.get(view.id))?.counter).toBe(stored);
  });

  it('§7.2 step 20: accepts counterless authenticators, which always say 0', async () => {
    const s = setup();
    const auth = authenticator({ counter: { start: 0, increment: 0 } });
    await register(s, auth);
    for (let i = 0; i < 3; i++) await expect((await signIn(s, auth)).finish()).resolves.toBeDefined();
  });

  it('§7.2 step 22: lets one of ten concurrent replays of one response through', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const attempt = await signIn(s, auth);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => attempt.finish()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CEREMONY_NOT_FOUND' });
  });

  it('refuses a registration or step-up ceremony used to sign in', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const stepUp = await s.server.startStepUp({
      userId: alice.id,
      action: 'p2p.release',
      details: { orderId: '1' },
    });
    const response = await auth.get(stepUp.options, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishAuthentication({ ceremonyId: stepUp.ceremonyId, response }),
      'CEREMONY_NOT_FOUND',
    );
    const reg = await s.server.startRegistration({
      user: alice,
      lastVerifiedAt: s.clock.now,
      lastVerifiedWith: 'second-factor',
    });
    const asLogin = await auth.get(
      { challenge: reg.options.challenge, rpId: 'example.com' },
      { origin: ORIGIN },
    );
    await rejectsWith(
      s.server.finishAuthentication({ ceremonyId: reg.ceremonyId, response: asLogin }),
      'CEREMONY_NOT_FOUND',
    );
  });

  it('refuses an expired ceremony', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const attempt = await signIn(s, auth);
    s.advance(300);
    await rejectsWith(attempt.finish(), 'CEREMONY_NOT_FOUND');
  });

  it('validates the shape first and keeps the ceremony', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const attempt = await signIn(s, auth);
    const r = attempt.response;
    const junk: unknown[] = [
      undefined,
      { ...r, response: { ...r.response, signature: '' } },
      { ...r, response: { ...r.response, authenticatorData: 'AAAA' } },
      { ...r, response: { ...r.response, userHandle: 42 } },
      { ...r, response: { ...r.response, clientDataJSON: '%%%' } },
      { ...r, id: '' },
    ];
    for (const response of junk) {
      await rejectsWith(
        s.server.finishAuthentication({ ceremonyId: attempt.ceremonyId, response }),
        'INVALID_REQUEST',
      );
    }
    await expect(attempt.finish()).resolves.toBeDefined();
  });
});
