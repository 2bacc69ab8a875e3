import { expect, it } from 'vitest';
import { addAuthenticator, openBrowser } from './support/browser';
import { enablePasskey, logIn, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('sessions in Chromium', () => {
  const browser = useBrowser();

  it('marks the passkey this session signed in with, and "Sign out everywhere" ends every session', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    // Signed up with a password: no passkey opened this session.
    expect(await page.getByTestId('passkey-this-session').count()).toBe(0);
    await signOut(page);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();
    await expect.poll(() => page.getByTestId('passkey-this-session').textContent()).toBe('Signed in here');

    // The same account in another browser, with the password.
    const other = await openBrowser();
    try {
      await logIn(other.page, baseUrl, username);
      expect(await other.page.getByTestId('passkey-this-session').count()).toBe(0);

      await page.getByTestId('sign-out-everywhere').click();
      await page.getByTestId('view-auth').waitFor();
      expect(await page.getByTestId('auth-notice').textContent()).toBe(
        'You are signed out on every device, this one included.',
      );
      // The other browser's next request finds its session gone.
      await other.page.reload();
      await other.page.getByTestId('view-auth').waitFor();
      expect(await other.page.getByTestId('view-home').isVisible()).toBe(false);
    } finally {
      await other.close();
    }
  });
});
