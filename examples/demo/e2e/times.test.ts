import { expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { enablePasskey, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('times that stay true while the page is open, in Chromium', () => {
  const browser = useBrowser();

  it('"Last security verification" and "Last used" move on from "just now" by themselves', async () => {
    const { page, cdp } = browser();
    // The page's clock, moved by the test; the server keeps the real one.
    await page.clock.install();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await signOut(page);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();

    const verified = page.getByTestId('verified-at');
    const used = page.getByTestId('passkey-last-used');
    await expect.poll(() => verified.textContent()).toBe('Last security verification: just now.');
    await expect.poll(() => used.textContent()).toBe('Last used just now');

    // No reload, no tab switch: only time passes.
    await page.clock.runFor('03:00');
    await expect.poll(() => verified.textContent()).toBe('Last security verification: 3 minutes ago.');
    expect(await used.textContent()).toBe('Last used 3 minutes ago');
    expect(await page.getByTestId('activity-meta').first().textContent()).toBe(
      'Chrome on Linux · 3 minutes ago',
    );
    await page.clock.runFor('02:00:00');
    await expect.poll(() => used.textContent()).toBe('Last used 2 hours ago');
  });
});
