import { expect, it } from 'vitest';
import { addAuthenticator, setUserVerified } from './support/browser';
import { enablePasskey, releaseOrder, signUp } from './support/flows';
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
    await releaseOrder(page, item);
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
    await releaseOrder(page, item);
    await expect
      .poll(() => item.getByTestId('order-item-error').textContent())
      .toBe('Not released: the passkey prompt was closed. Release again when you are ready.');
    expect(await item.getByTestId('order-status').getAttribute('data-status')).toBe('open');

    await setUserVerified(cdp, authenticator, true);
    await releaseOrder(page, item);
    await expect.poll(() => item.getByTestId('order-status').getAttribute('data-status')).toBe('released');
  });

  it('asks for a passkey first when the account has none, and leads to "Add a passkey"', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await page.getByTestId('nav-p2p').click();
    const { item } = await createOrder(page, '1', 'ETH');
    await item.getByTestId('order-release').click();
    await expect
      .poll(() => item.getByTestId('order-item-error').textContent())
      .toBe('Releasing needs a passkey. Add a passkey in the Security center');

    // The link goes to the Security center and opens the choices (the verification is fresh).
    await item.getByTestId('order-add-passkey').click();
    await page.getByTestId('dialog-enable').waitFor();
    expect(await page.getByTestId('nav-security').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('panel-security').isVisible()).toBe(true);
    expect(await page.getByTestId('panel-p2p').isVisible()).toBe(false);
    await page.getByTestId('choice-this-device').click();
    await page.getByTestId('passkey-item').waitFor();

    // Now the release goes through.
    await page.getByTestId('nav-p2p').click();
    await releaseOrder(page, page.getByTestId('order-item').first());
    await expect
      .poll(() =>
        page.getByTestId('order-item').first().getByTestId('order-status').getAttribute('data-status'),
      )
      .toBe('released');
  });

  it("checks the amount on the page in its own words, and words the server's refusals too", async () => {
    const { page } = browser();
    await signUp(page, baseUrl);
    await page.getByTestId('nav-p2p').click();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/p2p/orders')) sent.push(r.postData() ?? '');
    });
    const amount = page.getByTestId('order-amount');
    const error = page.getByTestId('order-error');
    for (const [value, message] of [
      ['', 'Enter an amount, such as 0.015.'],
      ['1e5', 'Enter the amount in digits, with a point for decimals, such as 0.015.'],
      ['1,5', 'Enter the amount in digits, with a point for decimals, such as 0.015.'],
      ['-2', 'Enter the amount in digits, with a point for decimals, such as 0.015.'],
      ['007', 'Enter the amount without leading zeros, such as 0.5 or 15.'],
      ['0.00', 'Enter an amount greater than 0.'],
      ['1000000000000', 'Enter at most 12 digits before the decimal point.'],
      ['0.0000000000000000001', 'Enter at most 18 digits after the decimal point.'],
    ] as const) {
      await amount.fill(value);
      await page.getByTestId('order-create').click();
      expect(await error.textContent(), value).toBe(message);
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await amount.getAttribute('aria-describedby')).toBe('order-error');
    }
    expect(sent).toEqual([]);

    // Typing clears the error; a good amount is sent, trimmed.
    await amount.fill(' 999999999999.5 ');
    expect(await error.isVisible()).toBe(false);
    expect(await amount.getAttribute('aria-invalid')).toBe(null);
    await page.getByTestId('order-create').click();
    await page.getByTestId('order-item').waitFor();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0] as string)).toEqual({ amount: '999999999999.5', asset: 'BTC' });

    // The server signs this session out (as a restart would): the page says what to do.
    expect((await page.request.post(`${baseUrl}/api/account/logout`)).ok()).toBe(true);
    await amount.fill('0.015');
    await page.getByTestId('order-create').click();
    await expect
      .poll(() => error.textContent())
      .toBe('You are signed out: this session has ended. Reload the page and log in again.');
  });
});
