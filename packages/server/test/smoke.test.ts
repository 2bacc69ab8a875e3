import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, setup } from './helpers';

describe('smoke', () => {
  it('registers, signs in, steps up', async () => {
    const s = setup();
    const auth = authenticator();
    const view = await register(s, auth);
    expect(view.name).toBe('This device');
    const { ceremonyId, options } = await s.server.startAuthentication();
    const response = await auth.get(options, { origin: ORIGIN });
    const result = await s.server.finishAuthentication({ ceremonyId, response });
    expect(result.userId).toBe(alice.id);
    const details = { orderId: 'o1', amount: '10.5', asset: 'USDT' };
    const su = await s.server.startStepUp({ userId: alice.id, action: 'p2p.release', details });
    const r2 = await auth.get(su.options, { origin: ORIGIN });
    const { receipt } = await s.server.finishStepUp({
      ceremonyId: su.ceremonyId,
      userId: alice.id,
      response: r2,
    });
    const v = await s.server.verifyReceipt(receipt, { userId: alice.id, action: 'p2p.release', details });
    expect(v.passkeyId).toBe(view.id);
  });
});
