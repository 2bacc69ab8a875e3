import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

export const PASSWORD = 'correct horse battery staple';

/** A username nobody has taken yet. */
export const newUsername = (prefix = 'user') => `${prefix}.${randomBytes(4).toString('hex')}`;

/** Opens the page and creates an account with a password; ends on the Security center. */
export async function signUp(page: Page, baseUrl: string, username = newUsername()): Promise<string> {
  await page.goto(baseUrl);
  await page.getByTestId('tab-signup').click();
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('view-home').waitFor();
  return username;
}

/**
 * "Enable passkey" → (the passkey re-verification, when the account has a passkey and the
 * session was not verified with one lately) → the choice → waits for the new passkey in the list.
 */
export async function enablePasskey(
  page: Page,
  choice: 'this-device' | 'other-device' | 'security-key' = 'this-device',
  name?: string,
): Promise<void> {
  const before = await page.getByTestId('passkey-item').count();
  await page.getByTestId('enable-passkey').click();
  const choices = page.getByTestId('dialog-enable');
  const verify = page.getByTestId('dialog-verify-passkey');
  await page
    .locator('[data-testid="dialog-enable"][open], [data-testid="dialog-verify-passkey"][open]')
    .waitFor();
  if (await verify.isVisible()) await verifyWithPasskey(page);
  await choices.waitFor();
  if (name !== undefined) await page.getByTestId('create-name').fill(name);
  await page.getByTestId(`choice-${choice}`).click();
  await page.getByTestId('passkey-item').nth(before).waitFor();
  await page.getByTestId('dialog-enable').waitFor({ state: 'hidden' });
}

/** Makes the session's last security verification stale (the demo's test route). */
export async function expireVerification(page: Page, baseUrl: string): Promise<void> {
  const res = await page.request.post(`${baseUrl}/api/test/expire-verification`);
  if (!res.ok()) throw new Error(`expire-verification: ${res.status()}`);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('view-auth').waitFor();
}

/** Opens the page and logs in with the password; ends on the Security center. */
export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('login-password').click();
  await page.getByTestId('view-home').waitFor();
}

/** Answers the open "Confirm it's you with a passkey" dialog with the browser's passkey. */
export async function verifyWithPasskey(page: Page): Promise<void> {
  await page.getByTestId('verify-passkey-submit').click();
  await page.getByTestId('dialog-verify-passkey').waitFor({ state: 'hidden' });
}

/** "Release crypto" on an order, then "Confirm with a passkey" under the release's summary. */
export async function releaseOrder(page: Page, item: Locator): Promise<void> {
  await item.getByTestId('order-release').click();
  await page.getByTestId('dialog-release').waitFor();
  await page.getByTestId('release-confirm').click();
}
