import { describe, expect, it } from 'vitest';
import { type DemoData, memoryData } from '../src/server/data';
import { browserOf, makeAuthenticator, makeDemo, registerPasskey, signUp, stepUp } from './helpers';

/**
 * Orders whose first release fails after its receipt was verified: the state a process killed
 * at that instant leaves (`pnpm crash` finds it with SIGKILL, bench/crash), or a database
 * write that fails there.
 */
function releaseFailsOnce(): DemoData {
  const data = memoryData();
  let fail = true;
  return {
    ...data,
    async releaseOrder(id) {
      if (!fail) return data.releaseOrder(id);
      fail = false;
      throw new Error('the order update never ran');
    },
  };
}

async function interruptedRelease() {
  const demo = makeDemo({ data: releaseFailsOnce() });
  const browser = browserOf(demo);
  await signUp(browser);
  const authenticator = makeAuthenticator();
  expect((await registerPasskey(browser, authenticator)).status).toBe(201);
  const order = (await browser.post('/api/p2p/orders', { amount: '0.015', asset: 'BTC' })).json.order;
  demo.clock.advance(600); // past the security hold on a new passkey
  const details = { orderId: order.id, amount: order.amount, asset: order.asset };
  const { receipt } = (await stepUp(browser, authenticator, 'p2p.release', details)).json;
  const path = `/api/p2p/orders/${order.id}/release`;
  return { browser, receipt, path, first: await browser.post(path, { receipt }) };
}

describe('a P2P release interrupted between its receipt check and the order update', () => {
  it('answers 500 and leaves the order open', async () => {
    const { browser, first } = await interruptedRelease();
    expect(first.status).toBe(500);
    expect(
      (await browser.get('/api/p2p/orders')).json.orders.map((o: { status: string }) => o.status),
    ).toEqual(['open']);
  });

  // The release spends the receipt (in the challenge store) before it marks the order released
  // (in the demo's database): the receipt is noted on the order first, so the same receipt
  // finishes an interrupted release instead of being refused as replayed.
  it('completes with the same receipt', async () => {
    const { browser, receipt, path } = await interruptedRelease();
    const retry = await browser.post(path, { receipt });
    expect(retry.json).toEqual({ order: expect.objectContaining({ status: 'released' }) });
  });
});

describe('a spent receipt finishes only the release it was noted on', () => {
  it('refuses the same receipt once the release finished', async () => {
    const { browser, receipt, path } = await interruptedRelease();
    expect((await browser.post(path, { receipt })).status).toBe(200);
    // Released now: the same receipt again is refused, the order is not released twice.
    expect((await browser.post(path, { receipt })).json.error.code).toBe('RECEIPT_REPLAYED');
  });
});
