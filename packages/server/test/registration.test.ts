import { createAttestationCa } from '@acme/passkey-testing';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from './helpers';

const start = (s: ReturnType<typeof setup>, extra: Record<string, unknown> = {}) =>
  s.server.startRegistration({
    user: alice,
    lastVerifiedAt: s.clock.now,
    lastVerifiedWith: 'second-factor',
    ...extra,
  });

describe('startRegistration', () => {
  it('asks for a discoverable, user-verified credential with a random 32-byte user handle', async () => {
    const s = setup();
    const { ceremonyId, options } = await start(s);
    expect(ceremonyId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(options.rp).toEqual({ id: 'example.com', name: 'Example' });
    expect(options.user.name).toBe(alice.name);
    expect(options.user.id).not.toContain(alice.id);
    expect(Buffer.from(options.user.id, 'base64url')).toHaveLength(32);
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
    expect(options.excludeCredentials).toEqual([]);
    expect(options.timeout).toBe(300_000);
    expect(options.attestation).toBe('none');
  });

  it.each([
    ['this-device', ['client-device'], 'platform'],
    ['other-device', ['hybrid'], 'cross-platform'],
    ['security-key', ['security-key'], 'cross-platform'],
    ['any', undefined, undefined],
  ] as const)('maps %s to hints %j and attachment %s', async (authenticatorChoice, hints, attachment) => {
    const { options } = await start(setup(), { authenticator: authenticatorChoice });
    expect(options.hints).toEqual(hints);
    expect(options.authenticatorSelection?.authenticatorAttachment).toBe(attachment);
  });

  it('lets U2F-only keys register when user verification is only preferred', async () => {
    const { options } = await start(setup({ policy: { userVerification: 'preferred' } }));
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'preferred',
      requireResidentKey: false,
      userVerification: 'preferred',
    });
  });

  it('reuses the user handle and excludes the user’s passkeys', async () => {
    const s = setup();
    const first = await register(s, authenticator());
    const { options } = await start(s);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([first.id]);
    expect(options.user.id).toBe((await s.server.list(alice.id)).userHandle);
  });

  it('requires a fresh security verification, before any ceremony starts', async () => {
    const s = setup();
    for (const lastVerifiedAt of [null, new Date(s.clock.now.getTime() - 301_000)]) {
      await rejectsWith(s.server.startRegistration({ user: alice, lastVerifiedAt }), 'STEP_UP_REQUIRED');
    }
    await rejectsWith(start(s, { mediation: 'conditional', lastVerifiedAt: null }), 'STEP_UP_REQUIRED');
  });

  it('refuses at the limit before any ceremony starts, and reports it', async () => {
    const s = setup({ policy: { maxPasskeysPerUser: 2 } });
    await register(s, authenticator());
    await register(s, authenticator());
    await rejectsWith(start(s), 'PASSKEY_LIMIT_REACHED');
    expect(s.events.map((e) => e.type)).toContain('passkey.limit_reached');
  });

  it.each([
    { user: { ...alice, id: '' } },
    { user: { ...alice, id: 42 } },
    { user: { ...alice, id: 'nul\u0000' } },
    { user: null },
    { user: { ...alice, name: '' } },
    { authenticator: 'phone' },
    { mediation: 'silent' },
    { lastVerifiedAt: '2026-06-01T12:00:00Z' },
  ])('refuses malformed input %o with INVALID_REQUEST', async (extra) => {
    await rejectsWith(start(setup(), extra), 'INVALID_REQUEST');
  });
});

describe('finishRegistration', () => {
  it('stores the passkey and shows it without key material, named by provider', async () => {
    const s = setup();
    const auth = authenticator({
      aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
      flags: { be: true, bs: true },
    });
    const view = await register(s, auth);
    expect(view).toEqual({
      id: auth.credentials[0]?.id,
      name: 'Google Password Manager',
      provider: { name: 'Google Password Manager' },
      createdAt: s.clock.now,
      lastUsedAt: null,
      synced: true,
      deviceType: 'multiDevice',
      transports: ['internal'],
      attachment: 'platform',
      prf: false,
    });
    const stored = await s.store.get(view.id);
    expect(stored?.userHandle).toBe((await s.server.list(alice.id)).userHandle);
    expect(stored?.algorithm).toBe(-7);
    expect(s.events.at(-1)).toMatchObject({
      type: 'passkey.registered',
      userId: alice.id,
      passkeyId: view.id,
    });
  });

  it('names unknown authenticators by attachment, uniquely, or as the user asks', async () => {
    const s = setup();
    expect((await register(s, authenticator({ attachment: 'cross-platform' }))).name).toBe('Security key');
    expect((await register(s, authenticator({ attachment: 'cross-platform' }))).name).toBe(
      'Security key (2)',
    );
    expect((await register(s, authenticator(), alice, { name: '  Work laptop ' })).name).toBe('Work laptop');
  });

  it.each(['ES256', 'EdDSA', 'RS256'] as const)('accepts %s with packed attestation', async (algorithm) => {
    const s = setup();
    const view = await register(
      s,
      authenticator({ algorithm, attestation: 'packed-x5c', ca: createAttestationCa() }),
    );
    expect((await s.store.get(view.id))?.algorithm).toBe({ ES256: -7, EdDSA: -8, RS256: -257 }[algorithm]);
  });

  it('accepts a native app origin', async () => {
    const s = setup();
    await expect(
      register(s, authenticator(), alice, {
        origin: 'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
      }),
    ).resolves.toBeDefined();
  });

  const faults = [
    ['another origin', { faults: { origin: 'https://evil.example' } }, {}, 'ORIGIN_MISMATCH'],
    ['a sibling subdomain', { faults: { origin: 'https://app.example.com' } }, {}, 'ORIGIN_MISMATCH'],
    ['another RP ID', { faults: { rpId: 'evil.example' } }, {}, 'RP_ID_MISMATCH'],
    [
      'another challenge',
      { faults: { challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
      {},
      'VERIFICATION_FAILED',
    ],
    ['a get type', { faults: { type: 'webauthn.get' } }, {}, 'VERIFICATION_FAILED'],
    ['no user verification', { flags: { uv: false } }, {}, 'USER_VERIFICATION_REQUIRED'],
    ['no user presence', { flags: { up: false } }, {}, 'USER_VERIFICATION_REQUIRED'],
    [
      'a forged attestation signature',
      { faults: { badSignature: true } },
      { attestation: 'packed-self' },
      'VERIFICATION_FAILED',
    ],
  ] as const;
  it.each(faults)(
    'refuses %s (%s), spends the ceremony and stores nothing',
    async (_, call, settings, code) => {
      const s = setup();
      const auth = authenticator(settings);
      const { ceremonyId, options } = await start(s);
      const response = await auth.create(options, { origin: ORIGIN, ...call } as never);
      await rejectsWith(s.server.finishRegistration({ ceremonyId, userId: alice.id, response }), code);
      expect(await s.store.listByUser(alice.id)).toEqual([]);
      expect(s.events.at(-1)).toMatchObject({ type: 'ceremony.failed', code, userId: alice.id });
      const honest = await authenticator().create(options, { origin: ORIGIN });
      await rejectsWith(
        s.server.finishRegistration({ ceremonyId, userId: alice.id, response: honest }),
        'CEREMONY_NOT_FOUND',
      );
    },
  );

  it('refuses a ceremony of another user, used, expired or of another kind', async () => {
    const s = setup();
    const auth = authenticator();
    const { ceremonyId, options } = await start(s);
    const response = await auth.create(options, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: bob.id, response }),
      'CEREMONY_NOT_FOUND',
    );
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: alice.id, response }),
      'CEREMONY_NOT_FOUND',
    );

    const late = await start(s);
    const lateResponse = await authenticator().create(late.options, { origin: ORIGIN });
    s.advance(301);
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: late.ceremonyId, userId: alice.id, response: lateResponse }),
      'CEREMONY_NOT_FOUND',
    );

    const login = await s.server.startAuthentication();
    const loginAsReg = await authenticator().create(
      { ...late.options, challenge: login.options.challenge },
      { origin: ORIGIN },
    );
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: login.ceremonyId, userId: alice.id, response: loginAsReg }),
      'CEREMONY_NOT_FOUND',
    );
  });

  it('keeps the ceremony when the input is malformed', async () => {
    const s = setup();
    const auth = authenticator();
    const { ceremonyId, options } = await start(s);
    const response = await auth.create(options, { origin: ORIGIN });
    const junk: unknown[] = [
      null,
      'x',
      [],
      {},
      { ...response, id: 'not base64url!' },
      { ...response, rawId: 'other' },
      { ...response, type: 'password' },
      { ...response, response: { ...response.response, attestationObject: 'AAAA' } },
      {
        ...response,
        response: { ...response.response, clientDataJSON: Buffer.from('not json').toString('base64url') },
      },
      { ...response, response: { ...response.response, transports: 'usb' } },
      { ...response, authenticatorAttachment: 'glued-on' },
    ];
    for (const bad of junk) {
      await rejectsWith(
        s.server.finishRegistration({ ceremonyId, userId: alice.id, response: bad }),
        'INVALID_REQUEST',
      );
    }
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: 'short', userId: alice.id, response }),
      'INVALID_REQUEST',
    );
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: alice.id, response, name: '\u202e' }),
      'INVALID_NAME',
    );
    await expect(
      s.server.finishRegistration({ ceremonyId, userId: alice.id, response }),
    ).resolves.toHaveProperty('passkey');
  });

  it('refuses a credential ID that is already registered, to anyone', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const { ceremonyId, options } = await s.server.startRegistration({
      user: bob,
      lastVerifiedAt: s.clock.now,
    });
    const response = await auth.create(options, { origin: ORIGIN });
    const replayed = { ...response, id: auth.credentials[0]!.id, rawId: auth.credentials[0]!.id };
    // The authenticator data names the new credential: a swapped ID is refused before storage.
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: bob.id, response: replayed }),
      'VERIFICATION_FAILED',
    );
  });

  it('applies the AAGUID deny and allow lists', async () => {
    const yubikey = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
    const denied = setup({ policy: { authenticators: { deny: [yubikey] } } });
    await rejectsWith(register(denied, authenticator({ aaguid: yubikey })), 'AUTHENTICATOR_NOT_ALLOWED');
    expect(await denied.store.listByUser(alice.id)).toEqual([]);
    const allowOnly = setup({ policy: { authenticators: { allow: [yubikey] } } });
    await rejectsWith(register(allowOnly, authenticator()), 'AUTHENTICATOR_NOT_ALLOWED');
    await expect(register(allowOnly, authenticator({ aaguid: yubikey }))).resolves.toBeDefined();
  });

  it('§7.1 step 25: lets exactly one of 40 concurrent finishes land for a user holding 9', async () => {
    const s = setup();
    for (let i = 0; i < 9; i++) await register(s, authenticator());
    const ceremonies = await Promise.all(Array.from({ length: 40 }, () => start(s)));
    const responses = await Promise.all(
      ceremonies.map((c) => authenticator().create(c.options, { origin: ORIGIN })),
    );
    const results = await Promise.allSettled(
      ceremonies.map((c, i) =>
        s.server.finishRegistration({ ceremonyId: c.ceremonyId, userId: alice.id, response: responses[i] }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'PASSKEY_LIMIT_REACHED' });
    expect(await s.store.listByUser(alice.id)).toHaveLength(10);
  });

  it('§7.1 step 13: accepts an automatic upgrade without presence or verification, and only in that ceremony', async () => {
    const s = setup();
    const quiet = { flags: { up: false, uv: false } };
    const upgrade = await start(s, { mediation: 'conditional' });
    const response = await authenticator().create(upgrade.options, { origin: ORIGIN, ...quiet });
    await expect(
      s.server.finishRegistration({ ceremonyId: upgrade.ceremonyId, userId: alice.id, response }),
    ).resolves.toBeDefined();
    const modal = await start(s);
    const silent = await authenticator().create(modal.options, { origin: ORIGIN, ...quiet });
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: modal.ceremonyId, userId: alice.id, response: silent }),
      'USER_VERIFICATION_REQUIRED',
    );
  });
});

describe('attestation: direct', () => {
  it('accepts only attestations that chain to a trusted root', async () => {
    const ca = createAttestationCa();
    const s = setup({ policy: { attestation: 'direct', trustAnchors: [ca.rootCertificatePem] } });
    const { options } = await start(s);
    expect(options.attestation).toBe('direct');
    await expect(register(s, authenticator({ attestation: 'packed-x5c', ca }))).resolves.toBeDefined();
    await expect(
      register(s, authenticator({ attestation: 'fido-u2f', ca, attachment: 'cross-platform' })),
    ).resolves.toBeDefined();
    for (const settings of [
      { attestation: 'none' },
      { attestation: 'packed-self' },
      { attestation: 'packed-x5c', ca: createAttestationCa() },
    ] as const) {
      await rejectsWith(register(s, authenticator(settings)), 'ATTESTATION_NOT_TRUSTED');
    }
    expect(await s.store.listByUser(alice.id)).toHaveLength(2);
  });
});
