import { expect, it } from 'vitest';
import { addAuthenticator, setUserVerified } from './support/browser';
import { enablePasskey, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('P2P release verified with a passkey in Chromium', () => {
  const browser = useBrowser();

  async function createOrder(page: import('playwright-core').Page, amount: string, asset: string) {
    const before = await page.getByTestId('order-item').count();
    await page.getByTestId('order-amount').fill(amount);
    await page.getByTestId('order-asset').selectOption(asset);
    await page.getByTestId('order-create').click();
    await expect.poll(() => page.getByTestId('order-item').count()).toBe(before + 1);
    // Newest first.
    const item = page.getByTestId('order-item').first();
    return { item, id: (await item.getAttribute('data-id')) as string };
  }

  it('releases crypto after a passkey step-up bound to the order, and the receipt is single-use', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('nav-p2p').click();

    const { item, id } = await createOrder(page, '0.0150', 'BTC');
    expect(await item.getByTestId('order-summary').textContent()).toBe('Sell 0.0150 BTC');
    expect(await item.getByTestId('order-status').getAttribute('data-status')).toBe('open');

    const stepUp = page.waitForRequest('**/api/passkeys/step-up/options');
    const release = page.waitForRequest(`**/api/p2p/orders/${id}/release`);
    await item.getByTestId('order-release').click();
    expect((await stepUp).postDataJSON()).toEqual({
      action: 'p2p.release',
      details: { orderId: id, amount: '0.0150', asset: 'BTC' },
    });
    const { receipt } = (await release).postDataJSON() as { receipt: string };
    expect(receipt.split('.')).toHaveLength(3);
    await expect.poll(() => item.getByTestId('order-status').getAttribute('data-status')).toBe('released');
    expect(await item.getByTestId('order-status').textContent()).toBe('Released');
    expect(await item.getByTestId('order-release').count()).toBe(0);

    // The server checks the receipt: reused, for another order, or missing, it is refused.
    const post = (orderId: string, body: object) =>
      page.evaluate(
        async ([path, json]) => {
          const res = await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(json),
          });
          return { status: res.status, body: await res.json() };
        },
        [`/api/p2p/orders/${orderId}/release`, body] as const,
      );
    expect(await post(id, { receipt })).toMatchObject({
      status: 409,
      body: { error: { code: 'RECEIPT_REPLAYED' } },
    });
    const other = await createOrder(page, '0.0150', 'BTC');
    expect(await post(other.id, { receipt })).toMatchObject({
      status: 422,
      body: { error: { code: 'RECEIPT_INVALID' } },
    });
    expect(await post(other.id, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'RECEIPT_REQUIRED' } },
    });
    expect(await other.item.getByTestId('order-status').getAttribute('data-status')).toBe('open');
  });

  it('does not release when the passkey prompt is closed, and says so', async () => {
    const { page, cdp } = browser();
    const authenticator = await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('nav-p2p').click();
    const { item } = await createOrder(page, '250', 'USDT');

    await setUserVerified(cdp, authenticator, false);
    await item.getByTestId('order-release').click();
    await expect
      .poll(() => item.getByTestId('order-item-error').textContent())
      .toBe('Not released: the passkey prompt was closed. Release again when you are ready.');
    expect(await item.getByTestId('order-status').getAttribute('data-status')).toBe('open');

    await setUserVerified(cdp, authenticator, true);
    await item.getByTestId('order-release').click();
    await expect.poll(() => item.getByTestId('order-status').getAttribute('data-status')).toBe('released');
  });

  it('asks for a passkey first when the account has none', async () => {
    const { page } = browser();
    await signUp(page, baseUrl);
    await page.getByTestId('nav-p2p').click();
    const { item } = await createOrder(page, '1', 'ETH');
    await item.getByTestId('order-release').click();
    await expect
      .poll(() => item.getByTestId('order-item-error').textContent())
      .toBe('Releasing needs a passkey. Enable one in the Security center first.');
    await page.getByTestId('order-amount').fill('1e5');
    await page.getByTestId('order-create').click();
    await expect.poll(() => page.getByTestId('order-error').textContent()).toMatch(/positive decimal/);
  });
});
