import { describe, expect, it } from 'vitest';
import { browserOf, makeDemo, PASSWORD, signUp } from './helpers';

describe('accounts and sessions', () => {
  it('signs up with 201, a user, and an HttpOnly SameSite=Lax session cookie', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    const res = await browser.post('/api/account/signup', { username: 'Alice.Doe', password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ user: { id: expect.stringMatching(/^u_/), username: 'Alice.Doe' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^demo_session=[\w-]{20,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');

    const me = await browser.get('/api/account/me');
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      user: res.json.user,
      verifiedAt: demo.clock.now().toISOString(),
      verifiedWith: 'password',
      verificationFresh: true,
      // No passkey yet: any fresh verification may add the first.
      accountVerification: { done: true, methods: ['passkey', 'second-factor', 'password'] },
      passkeyId: null,
    });
  });

  it('refuses a taken username in any case with 409', async () => {
    const demo = makeDemo();
    await signUp(browserOf(demo), 'alice');
    for (const username of ['alice', 'ALICE', 'Alice']) {
      const res = await browserOf(demo).post('/api/account/signup', { username, password: PASSWORD });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('USERNAME_TAKEN');
    }
  });

  it('refuses bad usernames and short passwords with 400', async () => {
    const browser = browserOf(makeDemo());
    for (const username of [
      'ab',
      'a'.repeat(65),
      'has space',
      'émile',
      'semi;colon',
      '',
      null,
      42,
      ['x'],
      undefined,
    ]) {
      const res = await browser.post('/api/account/signup', { username, password: PASSWORD });
      expect(res.status, String(username)).toBe(400);
      expect(res.json.error.code).toBe('INVALID_USERNAME');
    }
    for (const username of ['abc', 'a'.repeat(64), 'a.b_c@d-e']) {
      const res = await browser.post('/api/account/signup', { username, password: PASSWORD });
      expect(res.status, username).toBe(201);
    }
    for (const password of ['', 'short', '123456789', null, 1234567890, undefined]) {
      const res = await browser.post('/api/account/signup', { username: 'someone', password });
      expect(res.status, String(password)).toBe(400);
      expect(res.json.error.code).toBe('INVALID_PASSWORD');
    }
  });

  it('logs in case-insensitively; 401 on a wrong password or an unknown user', async () => {
    const demo = makeDemo();
    const { id } = await signUp(browserOf(demo), 'Bob');
    const browser = browserOf(demo);
    const ok = await browser.post('/api/account/login', { username: 'bob', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ user: { id, username: 'Bob' } });
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    expect((await browser.get('/api/account/me')).status).toBe(200);

    for (const [username, password] of [
      ['bob', 'wrong password'],
      ['nobody', PASSWORD],
    ]) {
      const res = await browserOf(demo).post('/api/account/login', { username, password });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        error: { code: 'WRONG_CREDENTIALS', message: 'Wrong username or password' },
      });
    }
    expect((await browserOf(demo).post('/api/account/login', { username: 'bob' })).status).toBe(400);
  });

  it('answers /me with 401 when signed out, and after logout', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    const signedOut = await browser.get('/api/account/me');
    expect(signedOut.status).toBe(401);
    expect(signedOut.json.error.code).toBe('NOT_SIGNED_IN');

    await signUp(browser);
    expect((await browser.get('/api/account/me')).status).toBe(200);
    const out = await browser.post('/api/account/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await browser.get('/api/account/me')).status).toBe(401);
  });

  it('counts a password re-verification as a fresh security verification', async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    demo.clock.advance(301);
    expect((await browser.get('/api/account/me')).json.verificationFresh).toBe(false);

    const wrong = await browser.post('/api/account/verify', { password: 'not my password' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('WRONG_CREDENTIALS');
    expect((await browser.post('/api/account/verify', {})).status).toBe(400);

    const ok = await browser.post('/api/account/verify', { password: PASSWORD });
    expect(ok.status).toBe(200);
    const me = await browser.get('/api/account/me');
    expect(me.json.verifiedAt).toBe(demo.clock.now().toISOString());
    expect(me.json.verificationFresh).toBe(true);
    expect((await browserOf(demo).post('/api/account/verify', { password: PASSWORD })).status).toBe(401);
  });

  it('answers malformed bodies, other media types and foreign origins with the error shape', async () => {
    const browser = browserOf(makeDemo());
    const notJson = await browser.request('POST', '/api/account/login', 'username=a', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(415);
    expect(notJson.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    for (const body of ['{', '[]', 'null', '"x"']) {
      const res = await browser.request('POST', '/api/account/login', body, {
        'content-type': 'application/json',
      });
      expect(res.status, body).toBe(400);
      expect(res.json.error).toEqual({ code: 'INVALID_REQUEST', message: expect.any(String) });
    }
    const foreign = await browser.post(
      '/api/account/signup',
      { username: 'mallory', password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('CROSS_SITE_REQUEST');
    const unknown = await browser.get('/api/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');
  });

  it('serves no test route unless DEMO_TEST_ROUTES=1', async () => {
    const browser = browserOf(makeDemo());
    await signUp(browser);
    expect((await browser.post('/api/test/expire-verification')).status).toBe(404);
  });
});
