import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, removeAuthenticator } from './support/browser';
import { enablePasskey, expireVerification, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** What has focus: its test ID, and the passkey row it is in (or is). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.dataset.testid ?? el?.tagName ?? null,
      passkey: el?.closest<HTMLElement>('[data-testid="passkey-item"]')?.dataset.id ?? null,
    };
  });
const idOf = (page: Page, i: number) => page.getByTestId('passkey-item').nth(i).getAttribute('data-id');

describeInBrowser('where focus lands after each action, in Chromium', () => {
  const browser = useBrowser();

  it('on the list heading after sign-up, on a new passkey, on a renamed one’s Rename button', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkeys-heading', passkey: null });

    await enablePasskey(page);
    const created = await idOf(page, 0);
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-item', passkey: created });

    await page.getByTestId('passkey-rename').click();
    await page.getByTestId('rename-input').fill('Work laptop');
    await page.getByTestId('rename-input').press('Enter');
    await page.getByTestId('passkey-name').filter({ hasText: 'Work laptop' }).waitFor();
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-rename', passkey: created });
  });

  it('on the next passkey after a removal, and on the Add button once none is left', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    // Two keys, one after the other: a key holds one passkey of the account.
    for (let i = 0; i < 2; i++) {
      const key = await addAuthenticator(cdp, 'security-key');
      await enablePasskey(page, 'security-key');
      await removeAuthenticator(cdp, key);
    }
    const ids = await Promise.all([0, 1, 2].map((i) => idOf(page, i)));

    const remove = async (i: number) => {
      await page.getByTestId('passkey-item').nth(i).getByTestId('passkey-remove').click();
      await page.getByTestId('remove-confirm').click();
      await page.getByTestId('dialog-remove').waitFor({ state: 'hidden' });
    };
    await remove(1);
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-item', passkey: ids[2] });
    // The last of the list: the one before it is next.
    await remove(1);
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-item', passkey: ids[0] });
    await remove(0);
    await page.getByTestId('passkeys-empty').waitFor();
    await expect.poll(() => focused(page)).toEqual({ testId: 'enable-passkey', passkey: null });
  });

  it('back where the user was after Escape on a verification dialog or Cancel on "Create a passkey"', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);

    // The password verification (no passkey yet).
    await expireVerification(page, baseUrl);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('dialog-verify').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog-verify').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toEqual({ testId: 'enable-passkey', passkey: null });

    await page.request.post(`${baseUrl}/api/account/verify`, {
      data: { password: 'correct horse battery staple' },
    });
    await enablePasskey(page);
    const id = await idOf(page, 0);

    // The passkey verification, from "Add a passkey" and from a removal.
    await expireVerification(page, baseUrl);
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('dialog-verify-passkey').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog-verify-passkey').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toEqual({ testId: 'enable-passkey', passkey: null });

    await page.getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await page.getByTestId('dialog-verify-passkey').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog-verify-passkey').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-remove', passkey: id });

    // "Keep it" and Escape on the removal itself.
    await page.getByTestId('passkey-remove').click();
    await page.getByTestId('remove-cancel').click();
    await expect.poll(() => focused(page)).toEqual({ testId: 'passkey-remove', passkey: id });

    // Cancel on "Create a passkey" (freshly verified again with the passkey).
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('verify-passkey-submit').click();
    await page.getByTestId('dialog-enable').waitFor();
    await page.getByTestId('enable-cancel').click();
    await expect.poll(() => focused(page)).toEqual({ testId: 'enable-passkey', passkey: null });
  });
});
