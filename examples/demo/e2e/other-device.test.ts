import { expect, it } from 'vitest';
import { addAuthenticator, setUserVerified } from './support/browser';
import { enablePasskey, signOut, signUp } from './support/flows';
import { webAuthnCalls } from './support/page-probe';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('"Other sign in options" on the login page, in Chromium', () => {
  const browser = useBrowser();

  it('signs in with a phone or tablet by QR: the request asks the browser for the hybrid transport', async () => {
    const { page, cdp, autofill } = browser();
    // The phone's stand-in: a roaming authenticator holding the passkey (headless Chromium reaches no phone).
    await addAuthenticator(cdp, 'security-key');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page, 'other-device');
    await signOut(page);

    const option = page.getByTestId('signin-other-device');
    expect(await option.isVisible()).toBe(false);
    // A disclosure: reached and opened with the keyboard.
    await page.getByTestId('other-options-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('other-options').getAttribute('open')).toBe('');
    expect((await option.textContent())?.trim()).toBe('iPhone, iPad or Android device (QR code)');

    const options = page.waitForRequest(
      (r) => r.url().endsWith('/api/passkeys/login/options') && r.postDataJSON()?.mediation !== 'conditional',
    );
    await option.click();
    expect((await options).postDataJSON()).toEqual({ mediation: 'modal', authenticator: 'other-device' });
    await page.getByTestId('view-home').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe(username);
    const prompts = (await webAuthnCalls(page)).filter(
      (c) => c.kind === 'get' && c.mediation !== 'conditional',
    );
    expect(prompts).toEqual([
      { kind: 'get', mediation: null, hints: ['hybrid'], aborted: false, settled: 'resolved' },
    ]);
    expect(autofill.bodies.filter((b) => b.authenticator === 'other-device')).toHaveLength(1);
  });

  it('leads back to the password when the phone prompt is closed', async () => {
    const { page, cdp } = browser();
    const phone = await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'other-device');
    await signOut(page);

    await setUserVerified(cdp, phone, false);
    await page.getByTestId('other-options-toggle').click();
    await page.getByTestId('signin-other-device').click();
    await expect
      .poll(() => page.getByTestId('auth-notice').textContent())
      .toBe('No passkey was used. Log in with your password instead.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('password');
    expect(await page.getByTestId('view-home').isVisible()).toBe(false);
  });
});
