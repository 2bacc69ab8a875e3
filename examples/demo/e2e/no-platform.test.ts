import { expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('a device without a platform authenticator, in Chromium', () => {
  const browser = useBrowser();

  it('says so and offers a phone, tablet or security key instead of "This device"', async () => {
    const { page, cdp } = browser();
    // Only a USB key: isUserVerifyingPlatformAuthenticatorAvailable() is false.
    await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    expect(
      await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()),
    ).toBe(false);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('dialog-enable').waitFor();
    expect(await page.getByTestId('choice-this-device').isVisible()).toBe(false);
    const notice = page.getByTestId('no-platform-notice');
    expect(await notice.isVisible()).toBe(true);
    expect((await notice.textContent())?.replace(/\s+/g, ' ').trim()).toMatch(
      /^This device cannot keep a passkey itself\. .+ Use your phone or tablet with a QR code, or a security key\.$/,
    );
    expect(await page.getByTestId('choice-other-device').isVisible()).toBe(true);
    await page.getByTestId('choice-security-key').click();
    await page.getByTestId('passkey-item').waitFor();
    expect(await page.getByTestId('passkey-name').textContent()).toBe('Security key');
  });

  it('offers "This device" where there is one, without the notice', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('dialog-enable').waitFor();
    expect(await page.getByTestId('choice-this-device').isVisible()).toBe(true);
    expect(await page.getByTestId('no-platform-notice').isVisible()).toBe(false);
  });
});
