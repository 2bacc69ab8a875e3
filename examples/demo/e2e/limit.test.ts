import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf, removeAuthenticator } from './support/browser';
import { enablePasskey, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('the limit of 10 passkeys in Chromium', () => {
  const browser = useBrowser();

  it('at 10 passkeys, explains the limit and asks to remove an unused one', async () => {
    const { page, cdp } = browser();
    await signUp(page, baseUrl);
    // Chromium has one platform authenticator, and with two security keys plugged in it asks the
    // first: so nine keys are plugged in one at a time, each left with one passkey of the account.
    for (let i = 1; i <= 10; i++) {
      const kind = i === 1 ? 'platform' : 'security-key';
      const authenticator = await addAuthenticator(cdp, kind);
      await enablePasskey(page, kind === 'platform' ? 'this-device' : 'security-key');
      expect(await credentialsOf(cdp, authenticator)).toHaveLength(1);
      if (kind === 'security-key') await removeAuthenticator(cdp, authenticator);
      expect(await page.getByTestId('passkey-count').textContent()).toBe(`${i} of 10`);
      expect(await page.getByTestId('limit-notice').isVisible()).toBe(i === 10);
    }

    const notice = await page.getByTestId('limit-notice').textContent();
    expect(notice).toContain('You have reached the limit of 10 passkeys.');
    expect(notice).toContain('remove a passkey you no longer use');
    expect(await page.getByTestId('enable-passkey').isDisabled()).toBe(true);
    // The server refuses an 11th whatever the page shows.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/passkeys/register/options', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: res.status, body: await res.json() };
    });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PASSKEY_LIMIT_REACHED' } } });

    // Removing one makes room again.
    await page.getByTestId('passkey-item').last().getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await expect.poll(() => page.getByTestId('passkey-count').textContent()).toBe('9 of 10');
    expect(await page.getByTestId('limit-notice').isVisible()).toBe(false);
    expect(await page.getByTestId('enable-passkey').isDisabled()).toBe(false);
  });
});
