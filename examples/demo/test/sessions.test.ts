import { describe, expect, it } from 'vitest';
import {
  browserOf,
  makeAuthenticator,
  makeDemo,
  PASSWORD,
  passkeySignIn,
  registerPasskey,
  signUp,
  type TestBrowser,
} from './helpers';

const signedIn = async (browser: TestBrowser) => (await browser.get('/api/account/me')).status === 200;

describe('sessions', () => {
  it('remember the passkey that opened them; a password session has none', async () => {
    const demo = makeDemo();
    const owner = browserOf(demo);
    const { username } = await signUp(owner);
    const authenticator = makeAuthenticator();
    expect((await registerPasskey(owner, authenticator)).status).toBe(201);
    expect((await owner.get('/api/account/me')).json.passkeyId).toBeNull();

    const { browser, passkeyId } = await passkeySignIn(demo, authenticator);
    expect((await browser.get('/api/account/me')).json.passkeyId).toBe(passkeyId);
    const byPassword = browserOf(demo);
    expect((await byPassword.post('/api/account/login', { username, password: PASSWORD })).status).toBe(200);
    expect((await byPassword.get('/api/account/me')).json.passkeyId).toBeNull();
  });

  it('"sign out everywhere" ends every session of the account, this one included, and no one else\'s', async () => {
    const demo = makeDemo();
    const here = browserOf(demo);
    const { username } = await signUp(here);
    const authenticator = makeAuthenticator();
    await registerPasskey(here, authenticator);
    const laptop = browserOf(demo);
    await laptop.post('/api/account/login', { username, password: PASSWORD });
    const { browser: phone } = await passkeySignIn(demo, authenticator);
    const someoneElse = browserOf(demo);
    await signUp(someoneElse);
    for (const b of [here, laptop, phone, someoneElse]) expect(await signedIn(b)).toBe(true);

    const out = await here.post('/api/account/logout-everywhere');
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ signedOut: 3 });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    for (const b of [here, laptop, phone]) expect(await signedIn(b)).toBe(false);
    expect(await signedIn(someoneElse)).toBe(true);
    // Signed out, it is refused like any signed-out request.
    const again = await phone.post('/api/account/logout-everywhere');
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('NOT_SIGNED_IN');
  });
});
