import { describe, expect, it } from 'vitest';
import {
  browserOf,
  makeAuthenticator,
  makeDemo,
  RELEASE_HOLD_SECONDS,
  registerPasskey,
  signUp,
  stepUp,
} from './helpers';

async function userWithPasskey() {
  const demo = makeDemo();
  const browser = browserOf(demo);
  const user = await signUp(browser);
  const authenticator = makeAuthenticator();
  expect((await registerPasskey(browser, authenticator)).status).toBe(201);
  // Past the security hold on new passkeys (its own tests are in hold.test.ts).
  demo.clock.advance(RELEASE_HOLD_SECONDS);
  return { demo, browser, user, authenticator };
}

const details = (order: { id: string; amount: string; asset: string }) => ({
  orderId: order.id,
  amount: order.amount,
  asset: order.asset,
});

describe('P2P orders', () => {
  it('creates an open order with 201, echoing the amount verbatim', async () => {
    const browser = browserOf(makeDemo());
    await signUp(browser);
    const amounts = [
      '0.015',
      '0.0150',
      '12',
      '1000000.000000000000000001',
      '999999999999',
      '0.000000000000000001',
    ];
    for (const amount of amounts) {
      const res = await browser.post('/api/p2p/orders', { amount, asset: 'BTC' });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({
        order: { id: expect.stringMatching(/^o_/), amount, asset: 'BTC', status: 'open' },
      });
    }
    expect((await browser.get('/api/p2p/orders')).json.orders).toHaveLength(amounts.length);
  });

  it('refuses amounts that are not positive decimal strings, and bad assets, with 400', async () => {
    const browser = browserOf(makeDemo());
    await signUp(browser);
    for (const amount of [
      0.015,
      '-1',
      '0',
      '0.000',
      '1e3',
      '01.5',
      '.5',
      '1.',
      ' 1',
      '1,5',
      'NaN',
      '',
      null,
      // More than 12 digits before the point or 18 after.
      '1000000000000',
      '0.0000000000000000001',
    ]) {
      const res = await browser.post('/api/p2p/orders', { amount, asset: 'BTC' });
      expect(res.status, String(amount)).toBe(400);
      expect(res.json.error.code).toBe('INVALID_REQUEST');
    }
    for (const asset of ['btc', '', 'B', 'TOOLONGASSET', 42, null]) {
      expect((await browser.post('/api/p2p/orders', { amount: '1', asset })).status, String(asset)).toBe(400);
    }
  });

  it('needs a session', async () => {
    const browser = browserOf(makeDemo());
    expect((await browser.post('/api/p2p/orders', { amount: '1', asset: 'BTC' })).status).toBe(401);
    expect((await browser.post('/api/p2p/orders/o_x/release', { receipt: 'x' })).status).toBe(401);
  });

  it('releases an order with a passkey receipt for exactly that order, once', async () => {
    const { demo, browser, authenticator } = await userWithPasskey();
    const order = (await browser.post('/api/p2p/orders', { amount: '0.015', asset: 'BTC' })).json.order;
    demo.clock.advance(600);
    const verified = await stepUp(browser, authenticator, 'p2p.release', details(order));
    expect(verified.status).toBe(200);
    // Approving a release approves that release only: the session's verification stays as it was.
    expect((await browser.get('/api/account/me')).json).toMatchObject({
      verifiedWith: 'password',
      verificationFresh: false,
      accountVerification: { done: false, methods: ['passkey'] },
    });

    const released = await browser.post(`/api/p2p/orders/${order.id}/release`, {
      receipt: verified.json.receipt,
    });
    expect(released.status).toBe(200);
    expect(released.json).toEqual({ order: { ...order, status: 'released' } });

    const reused = await browser.post(`/api/p2p/orders/${order.id}/release`, {
      receipt: verified.json.receipt,
    });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe('RECEIPT_REPLAYED');
  });

  it("refuses another order's receipt, a receipt for other details, and none", async () => {
    const { browser, authenticator } = await userWithPasskey();
    const a = (await browser.post('/api/p2p/orders', { amount: '0.015', asset: 'BTC' })).json.order;
    const b = (await browser.post('/api/p2p/orders', { amount: '0.015', asset: 'BTC' })).json.order;
    const forA = (await stepUp(browser, authenticator, 'p2p.release', details(a))).json.receipt;

    const other = await browser.post(`/api/p2p/orders/${b.id}/release`, { receipt: forA });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('RECEIPT_INVALID');

    const bigger = (await stepUp(browser, authenticator, 'p2p.release', { ...details(b), amount: '15' })).json
      .receipt;
    expect((await browser.post(`/api/p2p/orders/${b.id}/release`, { receipt: bigger })).status).toBe(422);
    const otherAction = (await stepUp(browser, authenticator, 'withdraw', details(b))).json.receipt;
    expect((await browser.post(`/api/p2p/orders/${b.id}/release`, { receipt: otherAction })).status).toBe(
      422,
    );

    for (const body of [{}, { receipt: '' }, { receipt: null }]) {
      const none = await browser.post(`/api/p2p/orders/${b.id}/release`, body);
      expect(none.status).toBe(400);
      expect(none.json.error.code).toBe('RECEIPT_REQUIRED');
    }
    const garbage = await browser.post(`/api/p2p/orders/${b.id}/release`, { receipt: 'not.a.jws' });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);

    // A refused receipt consumed nothing: A's receipt still releases A.
    expect((await browser.post(`/api/p2p/orders/${a.id}/release`, { receipt: forA })).status).toBe(200);
    expect(
      (await browser.get('/api/p2p/orders')).json.orders.map((o: { status: string }) => o.status),
    ).toEqual(['released', 'open']);
  });

  it("hides another user's order behind 404, and refuses their receipt", async () => {
    const { demo, browser, authenticator } = await userWithPasskey();
    const order = (await browser.post('/api/p2p/orders', { amount: '1', asset: 'ETH' })).json.order;
    const receipt = (await stepUp(browser, authenticator, 'p2p.release', details(order))).json.receipt;

    const mallory = browserOf(demo);
    await signUp(mallory);
    const theirs = await mallory.post(`/api/p2p/orders/${order.id}/release`, { receipt });
    expect(theirs.status).toBe(404);
    expect(theirs.json.error.code).toBe('ORDER_NOT_FOUND');
    const own = (await mallory.post('/api/p2p/orders', { amount: '1', asset: 'ETH' })).json.order;
    const stolen = await mallory.post(`/api/p2p/orders/${own.id}/release`, { receipt });
    expect(stolen.status).toBe(422);
    expect((await browser.get('/api/p2p/orders')).json.orders[0].status).toBe('open');
  });
});
