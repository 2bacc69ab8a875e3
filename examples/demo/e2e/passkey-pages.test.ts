import { expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { PASSWORD, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

const focusedTestId = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describeInBrowser('the passkey pages that /.well-known/passkey-endpoints names, in Chromium', () => {
  const browser = useBrowser();

  it('serves the document, whose enroll link opens "Create a passkey" and manage link the Security center', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const res = await page.request.get(`${baseUrl}/.well-known/passkey-endpoints`);
    expect(res.status()).toBe(200);
    const endpoints = (await res.json()) as { enroll: string; manage: string };
    expect(endpoints).toEqual({ enroll: `${baseUrl}/security/passkeys/new`, manage: `${baseUrl}/security` });

    await signUp(page, baseUrl);
    await page.goto(endpoints.enroll);
    await page.getByTestId('dialog-enable').waitFor();
    expect(await focusedTestId(page)).toBe('create-name');
    expect(new URL(page.url()).pathname).toBe('/security');
    await page.getByTestId('choice-this-device').click();
    await page.getByTestId('passkey-item').waitFor();

    await page.getByTestId('nav-p2p').click();
    await page.goto(endpoints.manage);
    await page.getByTestId('passkey-item').waitFor();
    expect(await page.getByTestId('panel-security').isVisible()).toBe(true);
    expect(await focusedTestId(page)).toBe('passkeys-heading');
  });

  it('asks a signed-out user to log in first, then goes on to "Create a passkey"', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await signOut(page);

    await page.goto(`${baseUrl}/security/passkeys/new`);
    await page.getByTestId('view-auth').waitFor();
    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('login-password').click();
    await page.getByTestId('dialog-enable').waitFor();
    expect(await page.getByTestId('choice-this-device').isVisible()).toBe(true);
  });
});
