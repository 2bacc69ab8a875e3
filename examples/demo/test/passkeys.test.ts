import { describe, expect, it } from 'vitest';
import { browserOf, makeAuthenticator, makeDemo, ORIGIN, PASSWORD, registerPasskey, signUp } from './helpers';

describe('the passkey handler mounted at /api/passkeys', () => {
  it('needs a fresh verification to add a passkey, and a password re-verification gives one', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    demo.clock.advance(301);
    const stale = await registerPasskey(browser, makeAuthenticator());
    expect(stale.status).toBe(403);
    expect(stale.json.error.code).toBe('STEP_UP_REQUIRED');

    expect((await browser.post('/api/account/verify', { password: PASSWORD })).status).toBe(200);
    const created = await registerPasskey(browser, makeAuthenticator());
    expect(created.status).toBe(201);
    expect(created.json.passkey).toMatchObject({
      name: 'This device',
      attachment: 'platform',
      lastUsedAt: null,
    });
    const list = await browser.get('/api/passkeys');
    expect(list.json).toMatchObject({ limit: 10, rpId: 'localhost' });
    expect(list.json.passkeys).toHaveLength(1);
  });

  it('signs in with a passkey: a new session, freshly verified', async () => {
    const demo = makeDemo();
    const owner = browserOf(demo);
    const user = await signUp(owner);
    const authenticator = makeAuthenticator();
    await registerPasskey(owner, authenticator);
    demo.clock.advance(3600);

    const browser = browserOf(demo);
    const started = await browser.post('/api/passkeys/login/options', {});
    expect(started.json.options.allowCredentials ?? []).toEqual([]);
    const response = await authenticator.get(started.json.options, { origin: ORIGIN });
    const done = await browser.post('/api/passkeys/login/verify', {
      ceremonyId: started.json.ceremonyId,
      response,
    });
    expect(done.status).toBe(200);
    expect(done.json.userId).toBe(user.id);
    expect(done.headers.get('set-cookie')).toMatch(/^demo_session=.+HttpOnly; SameSite=Lax/);
    expect((await browser.get('/api/account/me')).json).toEqual({
      user,
      verifiedAt: demo.clock.now().toISOString(),
      verifiedWith: 'passkey',
      verificationFresh: true,
      // A passkey sign-in is a passkey verification: it may add or remove passkeys.
      accountVerification: { done: true, methods: ['passkey'] },
      // The session remembers the passkey it was opened with.
      passkeyId: response.id,
    });
  });

  it('binds a sign-in to a typed username, answering a known and an unknown one alike', async () => {
    const demo = makeDemo();
    const carol = browserOf(demo);
    await signUp(carol, 'Carol');
    const hers = makeAuthenticator();
    await registerPasskey(carol, hers);
    const dave = browserOf(demo);
    await signUp(dave, 'dave');
    const his = makeAuthenticator();
    await registerPasskey(dave, his);

    const browser = browserOf(demo);
    const known = await browser.post('/api/passkeys/login/options', { username: 'CAROL' });
    const unknown = await browser.post('/api/passkeys/login/options', { username: 'nobody' });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    // Shaped like a usernameless sign-in: no list of credentials that would tell the names apart.
    for (const answer of [known, unknown]) expect(answer.json.options.allowCredentials).toBeUndefined();
    expect(Object.keys(known.json.options).sort()).toEqual(Object.keys(unknown.json.options).sort());

    // The ceremony is Carol's: Dave's passkey is refused in it, hers signs in.
    const refused = await browser.post('/api/passkeys/login/verify', {
      ceremonyId: known.json.ceremonyId,
      response: await his.get(known.json.options, { origin: ORIGIN }),
    });
    expect(refused.json.error.code).toBe('CREDENTIAL_NOT_FOUND');
    const again = await browser.post('/api/passkeys/login/options', { username: 'carol' });
    const done = await browser.post('/api/passkeys/login/verify', {
      ceremonyId: again.json.ceremonyId,
      response: await hers.get(again.json.options, { origin: ORIGIN }),
    });
    expect(done.status).toBe(200);
  });

  it('accepts the automatic upgrade (conditional create, no user presence or verification) right after a password sign-in', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    // Such a response without the conditional ceremony is refused.
    const modal = await registerPasskey(browser, makeAuthenticator(), { flags: { up: false, uv: false } });
    expect(modal.status).toBe(422);
    expect(modal.json.error.code).toBe('USER_VERIFICATION_REQUIRED');
    const upgraded = await registerPasskey(browser, makeAuthenticator(), {
      mediation: 'conditional',
      flags: { up: false, uv: false },
    });
    expect(upgraded.status).toBe(201);
    expect((await browser.get('/api/passkeys')).json.passkeys).toHaveLength(1);
  });

  it('refuses a ceremony from another origin, and needs a session for management', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    const foreign = await browser.post(
      '/api/passkeys/register/options',
      {},
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('CROSS_SITE_REQUEST');
    const signedOut = await browserOf(demo).get('/api/passkeys');
    expect(signedOut.status).toBe(401);
    expect(signedOut.json.error.code).toBe('NOT_SIGNED_IN');
  });
});
