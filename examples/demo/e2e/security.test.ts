import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  addAuthenticator,
  type Browser,
  credentialsOf,
  openBrowser,
  removeAuthenticator,
} from './support/browser';
import {
  enablePasskey,
  expireVerification,
  logIn,
  releaseOrder,
  signUp,
  verifyWithPasskey,
} from './support/flows';
import { gateAutofill } from './support/page-probe';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** A request of the page itself (its cookie, its origin); resolves to the status and the body. */
const send = (page: Page, method: string, path: string, body: unknown) =>
  page.evaluate(
    async ([method, path, json]) => {
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
      return { status: res.status, body: await res.json() };
    },
    [method, path, body] as const,
  );

async function createOrder(page: Page, amount: string) {
  await page.getByTestId('nav-p2p').click();
  await page.getByTestId('order-amount').fill(amount);
  await page.getByTestId('order-create').click();
  const item = page.getByTestId('order-item').first();
  await item.waitFor();
  return { item, id: (await item.getAttribute('data-id')) as string };
}

/** A second browser (its own profile) with an empty platform authenticator of its own, autofill held. */
async function secondBrowser(): Promise<Browser & { authenticator: string }> {
  const other = await openBrowser();
  await gateAutofill(other.page);
  return { ...other, authenticator: await addAuthenticator(other.cdp, 'platform') };
}

describeInBrowser('what a stolen password or a copied passkey can do, in Chromium', () => {
  const browser = useBrowser();

  it('with only the password, an attacker can neither add a passkey, nor remove the owner’s, nor release', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl);
    await enablePasskey(page);
    const passkeyId = (await page.getByTestId('passkey-item').getAttribute('data-id')) as string;

    const thief = await secondBrowser();
    try {
      await logIn(thief.page, baseUrl, username);
      const t = thief.page;
      // "Add a passkey": a passkey of the account is asked for, and the thief's has none.
      await t.getByTestId('enable-passkey').click();
      await t.getByTestId('dialog-verify-passkey').waitFor();
      expect(await t.getByTestId('dialog-enable').isVisible()).toBe(false);
      await t.getByTestId('verify-passkey-submit').click();
      await expect
        .poll(() => t.getByTestId('verify-passkey-error').textContent())
        .toBe('No passkey was used. Try again with one of the passkeys listed in your Security center.');
      await t.getByTestId('verify-passkey-cancel').click();
      expect(await t.getByTestId('dialog-enable').isVisible()).toBe(false);

      // "Remove": the same verification, the same end.
      await t.getByTestId('passkey-remove').click();
      await t.getByTestId('remove-confirm').click();
      await t.getByTestId('dialog-verify-passkey').waitFor();
      await t.getByTestId('verify-passkey-submit').click();
      await t.getByTestId('verify-passkey-error').filter({ hasText: 'No passkey was used' }).waitFor();
      await t.getByTestId('verify-passkey-cancel').click();

      // The server refuses whatever the page does.
      expect(await send(t, 'POST', '/api/passkeys/register/options', {})).toMatchObject({
        status: 403,
        body: { error: { code: 'STEP_UP_REQUIRED', details: { methods: ['passkey'] } } },
      });
      expect(await send(t, 'DELETE', `/api/passkeys/${passkeyId}`, { confirm: true })).toMatchObject({
        status: 403,
        body: { error: { code: 'STEP_UP_REQUIRED' } },
      });

      // A release needs the owner's passkey too.
      const order = await createOrder(t, '3');
      await releaseOrder(t, order.item);
      await expect
        .poll(() => order.item.getByTestId('order-item-error').textContent())
        .toBe('Not released: the passkey prompt was closed. Release again when you are ready.');
      expect(await order.item.getByTestId('order-status').getAttribute('data-status')).toBe('open');
      expect(await credentialsOf(thief.cdp, thief.authenticator)).toHaveLength(0);
    } finally {
      await thief.close();
    }
    await page.reload();
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
    expect(await page.getByTestId('passkey-item').getAttribute('data-id')).toBe(passkeyId);
  });

  it('a copied passkey in another browser loses its session and its receipt when the owner removes it', async () => {
    const { page, cdp } = browser();
    const laptop = await addAuthenticator(cdp, 'platform');
    await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    await enablePasskey(page, 'security-key');
    const copied = page.getByTestId('passkey-item').first();
    const copiedId = (await copied.getAttribute('data-id')) as string;
    const [credential] = await credentialsOf(cdp, laptop);

    const thief = await secondBrowser();
    try {
      // The laptop's private key, copied into the thief's authenticator.
      await thief.cdp.send('WebAuthn.addCredential', {
        authenticatorId: thief.authenticator,
        credential: credential as NonNullable<typeof credential>,
      });
      const t = thief.page;
      await t.goto(baseUrl);
      await t.getByTestId('signin-passkey').click();
      await t.getByTestId('view-home').waitFor();
      await expect.poll(() => t.getByTestId('passkey-this-session').count()).toBe(1);

      // The copy approves a release; the receipt is caught before it is used.
      const order = await createOrder(t, '0.75');
      let receipt = '';
      await t.route('**/api/p2p/orders/*/release', async (route) => {
        receipt = (route.request().postDataJSON() as { receipt: string }).receipt;
        await route.abort();
      });
      await releaseOrder(t, order.item);
      await expect.poll(() => receipt.split('.').length).toBe(3);

      // The owner, with the security key (the laptop's copy has signed more often than the laptop
      // now: its counter would be refused), verifies and removes the copied passkey.
      await removeAuthenticator(cdp, laptop);
      await expireVerification(page, baseUrl);
      await copied.getByTestId('passkey-remove').click();
      await expect
        .poll(() => page.getByTestId('remove-impact').textContent())
        .toBe('You will have 1 passkey left.');
      await page.getByTestId('remove-confirm').click();
      await page.getByTestId('dialog-verify-passkey').waitFor();
      await verifyWithPasskey(page);
      await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
      expect(await page.getByTestId('passkey-item').getAttribute('data-id')).not.toBe(copiedId);

      // The copy's session is over, and so is its receipt: even the owner's session cannot use it.
      await t.reload();
      await t.getByTestId('view-auth').waitFor();
      expect(await send(page, 'POST', `/api/p2p/orders/${order.id}/release`, { receipt })).toMatchObject({
        status: 422,
        body: { error: { code: 'RECEIPT_INVALID' } },
      });
      // And the copy no longer signs in.
      await t.getByTestId('signin-passkey').click();
      await expect
        .poll(() => t.getByTestId('auth-notice').textContent())
        .toMatch(/no longer linked to your account/);
    } finally {
      await thief.close();
    }
  });

  it('signs this browser out when the passkey it signed in with is removed, and says so first', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('view-home').waitFor();

    await page.getByTestId('passkey-remove').click();
    await page.getByTestId('remove-signs-out').waitFor();
    await page.getByTestId('remove-confirm').click();
    await page.getByTestId('view-auth').waitFor();
    expect(await page.getByTestId('auth-notice').textContent()).toBe(
      '“Chrome on Linux” was removed. You had signed in with it, so you are signed out here too.',
    );
  });
});
