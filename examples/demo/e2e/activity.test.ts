import { expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { enablePasskey, releaseOrder, signUp, verifyWithPasskey } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('recent security activity in Chromium', () => {
  const browser = useBrowser();
  const lines = (page: import('playwright-core').Page) =>
    page
      .getByTestId('activity-item')
      .evaluateAll((items) =>
        items.map((li) => [
          li.querySelector('[data-testid="activity-what"]')?.textContent,
          li.querySelector('[data-testid="activity-meta"]')?.textContent,
        ]),
      );

  it('lists what happened with time and browser, and after a new passkey says "Not you? Remove it"', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    expect(await page.getByTestId('activity-empty').isVisible()).toBe(true);
    await enablePasskey(page);

    const notice = page.getByTestId('new-passkey-notice');
    await notice.waitFor();
    expect(await page.getByTestId('new-passkey-text').textContent()).toBe(
      'A passkey “Chrome on Linux” was added to your account just now from Chrome on Linux.',
    );
    await expect
      .poll(() => lines(page))
      .toEqual([['Passkey added: “Chrome on Linux”', 'Chrome on Linux · just now']]);

    // A rename and a release approved with the passkey are listed too, newest first.
    await page.getByTestId('passkey-rename').click();
    await page.getByTestId('rename-input').fill('Laptop');
    await page.getByTestId('rename-save').click();
    await page.getByTestId('nav-p2p').click();
    await page.getByTestId('order-amount').fill('0.5');
    await page.getByTestId('order-create').click();
    await releaseOrder(page, page.getByTestId('order-item'));
    await page.getByTestId('order-status').filter({ hasText: 'Released' }).waitFor();
    await page.getByTestId('nav-security').click();
    await page.reload();
    await expect
      .poll(async () => (await lines(page)).map(([what]) => what))
      .toEqual([
        'P2P release approved with “Laptop”',
        'Passkey renamed to “Laptop”',
        'Passkey added: “Chrome on Linux”',
      ]);

    // "Not you? Remove it" opens the removal of that passkey.
    await page.getByTestId('new-passkey-remove').click();
    await page.getByTestId('dialog-remove').waitFor();
    expect(await page.getByTestId('remove-name').textContent()).toBe('Laptop');
    await page.getByTestId('remove-confirm').click();
    await page.getByTestId('dialog-verify-passkey').waitFor();
    await verifyWithPasskey(page);
    await page.getByTestId('passkeys-empty').waitFor();
    await expect.poll(async () => (await lines(page))[0]?.[0]).toBe('Passkey removed: “Laptop”');
    expect(await notice.isVisible()).toBe(false);
  });

  it('hides the notice once the user says it was them, also after a reload', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('new-passkey-notice').waitFor();
    await page.getByTestId('new-passkey-dismiss').click();
    expect(await page.getByTestId('new-passkey-notice').isVisible()).toBe(false);
    await page.reload();
    await page.getByTestId('activity-item').waitFor();
    expect(await page.getByTestId('new-passkey-notice').isVisible()).toBe(false);
  });
});
