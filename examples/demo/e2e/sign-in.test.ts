import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf, setUserVerified } from './support/browser';
import { enablePasskey, expireVerification, newUsername, PASSWORD, signOut, signUp } from './support/flows';
import { webAuthnCalls } from './support/page-probe';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('sign-up, passkey creation and sign-in in Chromium', () => {
  const browser = useBrowser();

  it('signs up with a password and shows the storage on the page', async () => {
    const { page } = browser();
    const username = await signUp(page, baseUrl);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe(username);
    expect(await page.getByTestId('storage-label').textContent()).toMatch(
      /restarts forget everything|PGlite|Postgres/,
    );
    // The list loads after the page shows.
    await page.getByTestId('passkeys-empty').waitFor();
    expect(await page.getByTestId('enable-passkey').textContent()).toBe('Enable passkey');
  });

  it('asks for the password again when the last verification is stale, then offers the three choices', async () => {
    const { page, cdp } = browser();
    const authenticator = await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await expireVerification(page, baseUrl);

    await page.getByTestId('enable-passkey').click();
    const verify = page.getByTestId('dialog-verify');
    await verify.waitFor();
    await page.getByTestId('verify-password').fill('not the password');
    await page.getByTestId('verify-submit').click();
    await expect
      .poll(() => page.getByTestId('verify-error').textContent())
      .toBe('That password is not right.');
    await page.getByTestId('verify-password').fill(PASSWORD);
    await page.getByTestId('verify-submit').click();
    await verify.waitFor({ state: 'hidden' });

    const dialog = page.getByTestId('dialog-enable');
    await dialog.waitFor();
    for (const choice of ['this-device', 'other-device', 'security-key']) {
      expect(await page.getByTestId(`choice-${choice}`).isVisible()).toBe(true);
    }
    await page.getByTestId('choice-this-device').click();
    await dialog.waitFor({ state: 'hidden' });

    const item = page.getByTestId('passkey-item');
    await item.waitFor();
    expect(await item.getByTestId('passkey-name').textContent()).toBe('Chrome on Linux');
    expect(await item.getByTestId('passkey-provider').textContent()).toBe('Built-in authenticator');
    expect(await item.getByTestId('passkey-created').textContent()).toMatch(/^Created /);
    expect(await item.getByTestId('passkey-last-used').textContent()).toBe('Never used');
    expect(await item.getByTestId('passkey-not-synced').textContent()).toBe('Device-bound');
    expect(await page.getByTestId('passkey-count').textContent()).toBe('1 of 10');
    expect(await credentialsOf(cdp, authenticator)).toHaveLength(1);
  });

  it('does not ask again while the verification is fresh', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('dialog-enable').waitFor();
    expect(await page.getByTestId('dialog-verify').isVisible()).toBe(false);
  });

  it('signs out, then signs in with the "Sign in with a passkey" button', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    await signOut(page);

    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe(username);
    const modal = (await webAuthnCalls(page)).filter(
      (c) => c.kind === 'get' && c.mediation !== 'conditional',
    );
    expect(modal.at(-1)?.settled).toBe('resolved');
    // The passkey now has a "last used" date.
    await expect.poll(() => page.getByTestId('passkey-last-used').textContent()).toMatch(/^Last used /);
  });

  it('signs in through the username field autofill, with mediation "conditional"', async () => {
    const { page, cdp, autofill } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    await signOut(page);
    expect(await page.getByTestId('username').getAttribute('autocomplete')).toBe('username webauthn');

    // Held so far: now let the page's autofill request reach the authenticator, which answers
    // a conditional request at once (no real autofill list to pick from headless).
    autofill.allow();
    await page.reload();
    await page.getByTestId('view-home').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe(username);
    expect(autofill.bodies.at(-1)).toEqual({ mediation: 'conditional' });
    const calls = (await webAuthnCalls(page)).filter((c) => c.kind === 'get');
    expect(calls).toEqual([
      { kind: 'get', mediation: 'conditional', hints: [], aborted: false, settled: 'resolved' },
    ]);
  });

  it('aborts the autofill request when the user does something else', async () => {
    const { page, cdp, autofill } = browser();
    // An authenticator that waits for a touch: the conditional request stays pending.
    await addAuthenticator(cdp, 'platform', { presence: false });
    autofill.allow();
    await page.goto(baseUrl);
    await page.getByTestId('view-auth').waitFor();
    await expect.poll(async () => (await webAuthnCalls(page)).length).toBe(1);
    const [pending] = await webAuthnCalls(page);
    expect(pending).toEqual({
      kind: 'get',
      mediation: 'conditional',
      hints: [],
      aborted: false,
      settled: null,
    });

    await page.getByTestId('tab-signup').click();
    await expect
      .poll(async () => (await webAuthnCalls(page))[0])
      .toEqual({ kind: 'get', mediation: 'conditional', hints: [], aborted: true, settled: 'AbortError' });

    // Back on "Log in", autofill starts again; pressing the passkey button aborts it too.
    await page.getByTestId('tab-login').click();
    await expect.poll(async () => (await webAuthnCalls(page)).length).toBe(2);
    await page.getByTestId('signin-passkey').click();
    await expect
      .poll(async () => (await webAuthnCalls(page))[1])
      .toEqual({ kind: 'get', mediation: 'conditional', hints: [], aborted: true, settled: 'AbortError' });
    await expect.poll(async () => (await webAuthnCalls(page))[2]?.mediation).toBe(null);
  });

  it('leads a user who closes the passkey prompt to "Log in with password"', async () => {
    const { page, cdp } = browser();
    const authenticator = await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    await signOut(page);

    // An authenticator that does not verify the user makes Chromium reject with NotAllowedError,
    // as when the user closes the prompt.
    await setUserVerified(cdp, authenticator, false);
    await page.getByTestId('signin-passkey').click();
    const notice = page.getByTestId('auth-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('No passkey was used. Log in with your password instead.');
    expect(await page.getByTestId('password').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('login-password').isVisible()).toBe(true);

    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('login-password').click();
    await page.getByTestId('view-home').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe(username);
  });

  it('after a password log-in, asks for the automatic upgrade (conditional create), which never gets in the way', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await signOut(page);
    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('login-password').click();
    await page.getByTestId('view-home').waitFor();
    // Headless Chromium has no password manager to create the passkey: the request waits.
    await expect
      .poll(async () => (await webAuthnCalls(page)).filter((c) => c.kind === 'create'))
      .toEqual([{ kind: 'create', mediation: 'conditional', hints: [], aborted: false, settled: null }]);

    // "Enable passkey" replaces the waiting upgrade.
    await enablePasskey(page);
    const creates = (await webAuthnCalls(page)).filter((c) => c.kind === 'create');
    expect(creates[0]).toMatchObject({ mediation: 'conditional', aborted: true, settled: 'AbortError' });
    expect(creates[1]).toMatchObject({ mediation: null, settled: 'resolved' });
    expect(await page.getByTestId('passkey-item').count()).toBe(1);
  });

  it('moves between "Log in" and "Create account" with the arrow keys', async () => {
    const { page } = browser();
    await page.goto(baseUrl);
    await page.getByTestId('view-auth').waitFor();
    await page.getByTestId('tab-login').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-signup').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('signup-submit').isVisible()).toBe(true);
    expect(await page.getByTestId('password-hint').textContent()).toBe('At least 10 characters');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-login').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('login-password').isVisible()).toBe(true);
  });

  it('refuses a wrong password on the sign-in form with a readable error', async () => {
    const { page } = browser();
    const username = await signUp(page, baseUrl);
    await signOut(page);
    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill('wrong password!');
    await page.getByTestId('login-password').click();
    await expect.poll(() => page.getByTestId('auth-error').textContent()).toBe('Wrong username or password.');
  });

  it('after five wrong passwords, says when to try again, and refuses even the right one until then', async () => {
    const { page } = browser();
    const username = await signUpElsewhere();
    await page.goto(baseUrl);
    await page.getByTestId('username').fill(username);
    const error = page.getByTestId('auth-error');
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('password').fill(`wrong password ${i}`);
      await page.getByTestId('login-password').click();
      await expect.poll(() => error.textContent()).toBe('Wrong username or password.');
      await error.evaluate((el) => {
        el.textContent = '';
      });
    }
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('login-password').click();
    await expect.poll(() => error.textContent()).toBe('Too many attempts. Try again in 15 minutes.');
    expect(await page.getByTestId('view-home').isVisible()).toBe(false);
  });

  it('shows every sign-up error at once, each under its field and linked to it', async () => {
    const { page } = browser();
    await page.goto(baseUrl);
    await page.getByTestId('tab-signup').click();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/account/')) requests.push(r.url());
    });
    const username = page.getByTestId('username');
    const password = page.getByTestId('password');
    const field = (input: typeof username) =>
      input.evaluate((el) => ({
        invalid: el.getAttribute('aria-invalid'),
        // The accessible description: what aria-describedby points at, in order.
        described: (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent),
      }));

    // Before any attempt: the rules only.
    expect(await field(username)).toEqual({
      invalid: null,
      described: ['3 to 64 characters: letters, digits and . _ @ -'],
    });

    await username.fill('ab');
    await password.fill('short');
    await page.getByTestId('signup-submit').click();
    expect(await page.getByTestId('username-error').textContent()).toBe('Use at least 3 characters.');
    expect(await page.getByTestId('password-error').textContent()).toBe('Use at least 10 characters.');
    expect(await field(username)).toEqual({
      invalid: 'true',
      described: ['3 to 64 characters: letters, digits and . _ @ -', 'Use at least 3 characters.'],
    });
    expect(await field(password)).toEqual({
      invalid: 'true',
      described: ['At least 10 characters', 'Use at least 10 characters.'],
    });
    expect(await username.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('auth-error').isVisible()).toBe(false);
    expect(requests).toEqual([]);

    // Fixing a field clears its error; the other keeps its own.
    await username.fill('new.user');
    expect(await page.getByTestId('username-error').isVisible()).toBe(false);
    expect((await field(username)).invalid).toBe(null);
    expect((await field(password)).invalid).toBe('true');

    await username.fill('new user');
    await page.getByTestId('signup-submit').click();
    expect(await page.getByTestId('username-error').textContent()).toBe(
      'Use only letters, digits and . _ @ -',
    );

    // Empty fields: both said at once too.
    await username.fill('');
    await password.fill('');
    await page.getByTestId('signup-submit').click();
    expect(await page.getByTestId('username-error').textContent()).toBe('Enter a username.');
    expect(await page.getByTestId('password-error').textContent()).toBe('Enter a password.');

    // The server's refusal of a field goes under that field: a taken username.
    const taken = await signUpElsewhere();
    await username.fill(taken.toUpperCase());
    await password.fill(PASSWORD);
    await page.getByTestId('signup-submit').click();
    await expect
      .poll(() => page.getByTestId('username-error').textContent())
      .toBe('This username is taken. Choose another one, or log in.');
    expect((await field(username)).invalid).toBe('true');
    expect((await field(password)).invalid).toBe(null);

    // Back on "Log in": no leftover errors, and the hints are no longer part of the description.
    await page.getByTestId('tab-login').click();
    expect(await field(username)).toEqual({ invalid: null, described: [] });
    await username.fill('');
    await password.fill('');
    await page.getByTestId('login-password').click();
    expect(await page.getByTestId('username-error').textContent()).toBe('Enter your username.');
    expect(await page.getByTestId('password-error').textContent()).toBe('Enter your password.');
  });
});

/** Creates an account from Node, as someone else would. */
async function signUpElsewhere(): Promise<string> {
  const username = newUsername('taken');
  const res = await fetch(`${baseUrl}/api/account/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return username;
}
