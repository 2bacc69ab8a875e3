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
      verificationFresh: true,
    });
  });

  it('resolves a typed username to its passkeys, and answers an unknown one alike', async () => {
    const demo = makeDemo();
    const owner = browserOf(demo);
    await signUp(owner, 'Carol');
    await registerPasskey(owner, makeAuthenticator());
    const browser = browserOf(demo);
    const known = await browser.post('/api/passkeys/login/options', { username: 'carol' });
    const unknown = await browser.post('/api/passkeys/login/options', { username: 'nobody' });
    expect(known.json.options.allowCredentials).toHaveLength(1);
    expect(unknown.status).toBe(200);
    expect(unknown.json.options.allowCredentials.length).toBeGreaterThan(0);
  });

  it('accepts the automatic upgrade (conditional create, no user presence or verification) right after a password sign-in', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    const upgraded = await registerPasskey(browser, makeAuthenticator(), {
      mediation: 'conditional',
      flags: { up: false, uv: false },
    });
    expect(upgraded.status).toBe(201);
    // The same response without the conditional ceremony is refused.
    const modal = await registerPasskey(browser, makeAuthenticator(), { flags: { up: false, uv: false } });
    expect(modal.status).toBe(422);
    expect(modal.json.error.code).toBe('USER_VERIFICATION_REQUIRED');
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
