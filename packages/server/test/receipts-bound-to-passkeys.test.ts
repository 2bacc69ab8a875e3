import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

const release = { action: 'p2p.release', details: { orderId: 'o-7', amount: '250.00', asset: 'BTC' } };
const strong = { lastVerifiedWith: 'passkey' as const, confirm: true as const };

async function receiptFrom(
  s: ReturnType<typeof setup>,
  auth: ReturnType<typeof authenticator>,
  what: { action: string; details: Record<string, unknown> } = release,
) {
  const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...what });
  const response = await auth.get(options, { origin: ORIGIN });
  return (await s.server.finishStepUp({ ceremonyId, userId: alice.id, response })).receipt;
}

describe('receipts live no longer than the passkey that signed them', () => {
  it('refuses a receipt whose passkey was removed (a stolen passkey’s approvals die with it)', async () => {
    const s = setup();
    const owners = authenticator();
    await register(s, owners);
    const stolen = authenticator();
    const thief = await register(s, stolen);
    const receipt = await receiptFrom(s, stolen);
    await s.server.remove(alice.id, thief.id, { lastVerifiedAt: s.clock.now, ...strong });
    await rejectsWith(s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
  });

  it('consumes nothing when refused for that reason, and still accepts another passkey’s receipt', async () => {
    const s = setup();
    const a = authenticator();
    const first = await register(s, a);
    const b = authenticator();
    await register(s, b);
    const doomed = await receiptFrom(s, a);
    const kept = await receiptFrom(s, b);
    await s.server.remove(alice.id, first.id, { lastVerifiedAt: s.clock.now, ...strong });
    await rejectsWith(s.server.verifyReceipt(doomed, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
    await expect(s.server.verifyReceipt(kept, { userId: alice.id, ...release })).resolves.toHaveProperty(
      'passkeyId',
    );
  });
});

describe('step-up details: numbers are safe integers, so no two amounts share a receipt', () => {
  it.each([
    [{ amount: 0.1 }],
    [{ amount: 2 ** 53 }],
    [{ amount: 2 ** 53 + 2 }],
    [{ nested: { amounts: [1, 2, 1.5] } }],
    [{ amount: 1e21 }],
    [{ amount: -(2 ** 53) }],
  ])('refuses %j as INVALID_REQUEST at start and at verification', async (details) => {
    const s = setup();
    await register(s, authenticator());
    await rejectsWith(
      s.server.startStepUp({ userId: alice.id, action: 'p2p.release', details }),
      'INVALID_REQUEST',
    );
    await rejectsWith(
      s.server.verifyReceipt('a.b.c', { userId: alice.id, action: 'p2p.release', details }),
      'INVALID_REQUEST',
    );
  });

  it('accepts safe integers and strings', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const details = { orderId: 'o-9', amount: '0.30000000000000004', qty: 2 ** 53 - 1, neg: -5, zero: 0 };
    const receipt = await receiptFrom(s, auth, { action: 'p2p.release', details });
    await expect(
      s.server.verifyReceipt(receipt, { userId: alice.id, action: 'p2p.release', details }),
    ).resolves.toBeDefined();
  });
});
