import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { enablePasskey, signOut, signUp, verifyWithPasskey } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** Each passkey of the list: its name and its device line, as the page shows them. */
const listed = (page: Page) =>
  page.getByTestId('passkey-item').evaluateAll((items) =>
    items.map((li) => ({
      name: li.querySelector('[data-testid="passkey-name"]')?.textContent,
      device: [...(li.querySelector('[data-testid="passkey-device"]')?.children ?? [])]
        .map((part) => part.textContent?.trim())
        .join(' · '),
      used: li.querySelector('[data-testid="passkey-last-used"]')?.textContent,
    })),
  );

describeInBrowser('names that say what each passkey is, in Chromium', () => {
  const browser = useBrowser();

  it('takes the name typed at creation, else the server names it after this browser and system', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    // Only spaces: no name given, the server's default.
    await enablePasskey(page, 'this-device', '   ');
    await enablePasskey(page, 'security-key', '  My YubiKey  ');
    expect(await listed(page)).toEqual([
      // Used once since: it confirmed it was the user before the second one.
      {
        name: 'Chrome on Linux',
        device: 'Built-in authenticator · Device-bound',
        used: 'Last used just now',
      },
      { name: 'My YubiKey', device: 'Security key · Device-bound', used: 'Never used' },
    ]);
  });

  it('names a phone over QR, and a key plugged in when QR was offered, as what they are', async () => {
    const { page, cdp } = browser();
    const phone = await addAuthenticator(cdp, 'phone', { synced: true });
    await signUp(page, baseUrl);
    await enablePasskey(page, 'other-device');
    expect(await credentialsOf(cdp, phone)).toHaveLength(1);
    // The phone confirms it is the user; then, with QR offered, a USB key is what answers.
    await page.getByTestId('enable-passkey').click();
    await verifyWithPasskey(page);
    await page.getByTestId('dialog-enable').waitFor();
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone });
    await addAuthenticator(cdp, 'security-key');
    await page.getByTestId('choice-other-device').click();
    await page.getByTestId('passkey-item').nth(1).waitFor();
    expect(await listed(page)).toEqual([
      // The name says it already: the line says it is synced.
      { name: 'Phone or tablet (QR)', device: 'Synced', used: 'Last used just now' },
      { name: 'Security key', device: 'Device-bound', used: 'Never used' },
    ]);
  });

  it('refuses a name with control characters before any passkey is made, and shows when one was used', async () => {
    const { page, cdp } = browser();
    const platform = await addAuthenticator(cdp, 'platform', { synced: true });
    await signUp(page, baseUrl);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('create-name').fill('Laptop\u202e');
    await page.getByTestId('choice-this-device').click();
    await expect
      .poll(() => page.getByTestId('create-name-error').textContent())
      .toBe('Use letters, digits, spaces and punctuation only, without control or invisible characters.');
    expect(await page.getByTestId('create-name').getAttribute('aria-invalid')).toBe('true');
    expect(await credentialsOf(cdp, platform)).toHaveLength(0);

    await page.getByTestId('create-name').fill('Laptop');
    await page.getByTestId('choice-this-device').click();
    await page.getByTestId('passkey-item').waitFor();
    await signOut(page);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();
    await expect
      .poll(() => listed(page))
      .toEqual([{ name: 'Laptop', device: 'Built-in authenticator · Synced', used: 'Last used just now' }]);
  });
});
