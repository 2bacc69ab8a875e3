import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { enablePasskey, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/**
 * Removes a passkey on the server without the page's client (so no signal tells the
 * authenticator): a raw request of the page, whose session was opened with that passkey.
 */
async function removeBehindThePage(page: Page, passkeyId: string) {
  const status = await page.evaluate(async (id) => {
    const res = await fetch(`/api/passkeys/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    return res.status;
  }, passkeyId);
  expect(status).toBe(200);
}

describeInBrowser('WebAuthn signals in Chromium', () => {
  const browser = useBrowser();

  it('after a server-side removal, a sign-in with that passkey sends the unknown-credential signal', async () => {
    const { page, cdp } = browser();
    const authenticator = await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    const passkeyId = (await page.getByTestId('passkey-item').getAttribute('data-id')) as string;
    const [credential] = await credentialsOf(cdp, authenticator);
    expect(Buffer.from(credential?.credentialId ?? '', 'base64').toString('base64url')).toBe(passkeyId);
    // Signed in with the passkey, the session may remove it; removing it ends the session too.
    await signOut(page);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();
    await removeBehindThePage(page, passkeyId);
    await page.reload();
    await page.getByTestId('view-auth').waitFor();
    expect(await credentialsOf(cdp, authenticator)).toHaveLength(1);

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
