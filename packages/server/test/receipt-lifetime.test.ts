/**
 * A receipt's single-use record lives in the ChallengeStore at least as long as the receipt is
 * valid (its `exp`, `receipts.ttlSeconds` after issue), so a receipt used in its last second is
 * consumed, not taken for a replay; and it is dropped a minute after, so that abandoned receipts
 * keep no memory.
 */
import type { ChallengeRecord } from '@acme/passkey-core';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setupOnOneClock } from './helpers';

const release = { action: 'p2p.release', details: { orderId: 'ord-7', amount: '10.00' } };
const TTL = 300;

async function world() {
  const privateKey = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
  const s = setupOnOneClock({ receipts: { privateKey, ttlSeconds: TTL } });
  const { challenges } = s;
  const auth = authenticator();
  await register(s, auth);
  const receipt = async () => {
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN });
    return (await s.server.finishStepUp({ ceremonyId, userId: alice.id, response })).receipt;
  };
  /** Any write to the challenge store: the memory store drops expired records on writes. */
  const write = () => s.server.startAuthentication();
  const jti = (jws: string) =>
    JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString()).jti as string;
  return { s, challenges, receipt, write, jti };
}

describe('the single-use record of a receipt', () => {
  it('outlives the receipt: one used in its last second is consumed once, then replayed', async () => {
    const w = await world();
    const receipt = await w.receipt();
    w.s.advance(TTL - 1);
    await w.write();
    await expect(w.s.server.verifyReceipt(receipt, { userId: alice.id, ...release })).resolves.toMatchObject({
      verifiedAt: new Date('2026-06-01T12:00:00.000Z'),
    });
    await rejectsWith(
      w.s.server.verifyReceipt(receipt, { userId: alice.id, ...release }),
      'RECEIPT_REPLAYED',
    );
  });

  it('is refused on its own expiry, whatever the store still holds', async () => {
    const w = await world();
    const receipt = await w.receipt();
    w.s.advance(TTL + 1);
    await rejectsWith(w.s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
  });

  it('says what it is and whose, and is dropped from the store a minute after the receipt expires', async () => {
    const w = await world();
    const [kept, dropped] = [await w.receipt(), await w.receipt()];
    w.s.advance(TTL + 59);
    await w.write();
    const record: ChallengeRecord | null = await w.challenges.take(`receipt:${w.jti(kept)}`);
    expect(record).toEqual({
      kind: 'receipt',
      userId: alice.id,
      expiresAt: new Date('2026-06-01T12:00:00.000Z').getTime() + TTL * 1000,
    });
    w.s.advance(2);
    await w.write();
    expect(await w.challenges.take(`receipt:${w.jti(dropped)}`)).toBeNull();
  });
});
