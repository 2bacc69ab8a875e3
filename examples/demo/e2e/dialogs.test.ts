import type { CDPSession, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { enablePasskey, expireVerification, signUp, verifyWithPasskey } from './support/flows';
import { webAuthnCalls } from './support/page-probe';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** The accessible name and description Chromium computes for an element (what a screen reader says). */
async function accessible(cdp: CDPSession, selector: string) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  const node = nodes[0] as { name?: { value?: string }; description?: { value?: string } } | undefined;
  const clean = (s?: string) => s?.replace(/\s+/g, ' ').trim() ?? '';
  return { name: clean(node?.name?.value), description: clean(node?.description?.value) };
}

const prompts = async (page: Page, kind: 'get' | 'create') =>
  (await webAuthnCalls(page)).filter((c) => c.kind === kind && c.mediation !== 'conditional');

describeInBrowser('the dialogs, in Chromium', () => {
  const browser = useBrowser();

  it('reads the removal warning with the removal dialog’s title', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('passkey-remove').click();
    await expect
      .poll(() => page.getByTestId('remove-impact').textContent())
      .toMatch(/^This is your last passkey/);
    const dialog = await accessible(cdp, '[data-testid="dialog-remove"]');
    expect(dialog.name).toBe('Remove “Chrome on Linux”?');
    expect(dialog.description).toMatch(
      /^Removing your passkeys may lower the security level of your account\. This is your last passkey: .+ You will no longer be able to sign in or approve releases with this passkey\.$/,
    );
    // The sentence about signing out is read only where it applies (not after a password sign-up).
    expect(dialog.description).not.toContain('signs you out');
  });

  it('Cancel aborts a pending creation: a key plugged in afterwards creates nothing', async () => {
    const { page, cdp } = browser();
    await signUp(page, baseUrl);
    // A key that is never touched: the creation waits.
    const untouched = await addAuthenticator(cdp, 'security-key', { presence: false });
    const verifies: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/passkeys/register/verify') && verifies.push(r.url()));
    await page.getByTestId('enable-passkey').click();
    await page.getByTestId('choice-security-key').click();
    await page.getByTestId('enable-progress').waitFor();
    await page.getByTestId('enable-cancel').click();
    await page.getByTestId('dialog-enable').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await prompts(page, 'create'))[0]?.settled).toBe('AbortError');

    // Had the request stayed open, this key (which answers at once) would have made the passkey.
    const pluggedIn = await addAuthenticator(cdp, 'security-key');
    await page.waitForTimeout(1500);
    expect(await credentialsOf(cdp, pluggedIn)).toHaveLength(0);
    expect(await credentialsOf(cdp, untouched)).toHaveLength(0);
    expect(verifies).toEqual([]);
    expect(await page.getByTestId('passkey-item').count()).toBe(0);
    expect(await page.getByTestId('toast').isVisible()).toBe(false);
  });

  it('keeps the choice and the name when the verification goes stale midway', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    const key = await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('enable-passkey').click();
    await verifyWithPasskey(page);
    await page.getByTestId('dialog-enable').waitFor();
    await page.getByTestId('create-name').fill('Backup key');
    // The verification expires while the dialog is open: the server asks again at the choice.
    await expireVerification(page, baseUrl);
    await page.getByTestId('choice-security-key').click();
    await page.getByTestId('dialog-verify-passkey').waitFor();
    await verifyWithPasskey(page);
    // No second choice asked: the passkey is made on the key, under the name typed.
    await page.getByTestId('passkey-item').nth(1).waitFor();
    expect(await page.getByTestId('passkey-name').nth(1).textContent()).toBe('Backup key');
    expect(await credentialsOf(cdp, key)).toHaveLength(1);
    expect(await page.getByTestId('dialog-enable').isVisible()).toBe(false);
    expect(await prompts(page, 'create')).toHaveLength(2);
  });

  it('sums up a P2P release, amount and asset, before the passkey prompt', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('nav-p2p').click();
    await page.getByTestId('order-amount').fill('0.015');
    await page.getByTestId('order-asset').selectOption('ETH');
    await page.getByTestId('order-create').click();
    const item = page.getByTestId('order-item').first();
    const orderId = await item.getAttribute('data-id');
    const stepUps: unknown[] = [];
    page.on(
      'request',
      (r) => r.url().endsWith('/api/passkeys/step-up/options') && stepUps.push(r.postDataJSON()),
    );

    await item.getByTestId('order-release').click();
    await page.getByTestId('dialog-release').waitFor();
    expect(await page.getByTestId('release-amount').textContent()).toBe('0.015');
    expect(await page.getByTestId('release-asset').textContent()).toBe('ETH');
    expect(await page.getByTestId('release-order').textContent()).toBe(orderId);
    const dialog = await accessible(cdp, '[data-testid="dialog-release"]');
    expect(dialog.description).toMatch(/^Amount 0\.015 Asset ETH Order .+ Release only once/);
    expect(stepUps).toEqual([]);
    expect(await prompts(page, 'get')).toEqual([]);

    // Cancel: nothing is asked of the passkey, and focus is back on the order's button.
    await page.getByTestId('release-cancel').click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('order-release');
    expect(stepUps).toEqual([]);
    expect(await item.getByTestId('order-status').getAttribute('data-status')).toBe('open');

    await item.getByTestId('order-release').click();
    await page.getByTestId('release-confirm').click();
    await expect.poll(() => item.getByTestId('order-status').getAttribute('data-status')).toBe('released');
    expect(stepUps).toEqual([{ action: 'p2p.release', details: { orderId, amount: '0.015', asset: 'ETH' } }]);
  });
});
