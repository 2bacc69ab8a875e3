import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { enablePasskey, PASSWORD, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** Signs in with a password from Node (another device) and removes a passkey on the server. */
async function removeOnServer(username: string, passkeyId: string) {
  const login = await fetch(`${baseUrl}/api/account/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const removed = await fetch(`${baseUrl}/api/passkeys/${encodeURIComponent(passkeyId)}`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ confirm: true }),
  });
  expect(removed.status).toBe(200);
}

describeInBrowser('WebAuthn signals in Chromium', () => {
  const browser = useBrowser();

  it('after a server-side removal, a sign-in with that passkey sends the unknown-credential signal', async () => {
    const { page, cdp } = browser();
    const authenticator = await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    const passkeyId = (await page.getByTestId('passkey-item').getAttribute('data-id')) as string;
    const [credential] = await credentialsOf(cdp, authenticator);
    expect(Buffer.from(credential?.credentialId ?? '', 'base64').toString('base64url')).toBe(passkeyId);
    await signOut(page);

    await removeOnServer(username, passkeyId);
    await page.getByTestId('signin-passkey').click();
    await expect
      .poll(() => page.getByTestId('auth-notice').textContent())
      .toMatch(/no longer linked to your account/);
    // signalUnknownCredential made Chromium delete it from the authenticator.
    await expect.poll(async () => (await credentialsOf(cdp, authenticator)).length).toBe(0);
    expect(await page.getByTestId('view-auth').isVisible()).toBe(true);
  });

  it('after removing a passkey in the page, the accepted-credentials signal drops it from the authenticator', async () => {
    const { page, cdp } = browser();
    const first = await addAuthenticator(cdp, 'platform');
    const second = await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    await enablePasskey(page, 'security-key');
    const holders = [first, second];
    const counts = async () => Promise.all(holders.map(async (id) => (await credentialsOf(cdp, id)).length));
    expect(await counts()).toEqual([1, 1]);

    await page.getByTestId('passkey-item').first().getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
    await expect.poll(async () => (await counts()).reduce((a, b) => a + b)).toBe(1);
  });
});
