/**
 * The receipt signing key as configured: a CryptoKey works as a JWK does, and the published key
 * names its algorithm and use.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, setup } from './helpers';

const release = { action: 'p2p.release', details: { orderId: 'o-1', amount: '5.00', asset: 'BTC' } };

describe('receipt keys', () => {
  it('signs with a configured CryptoKey, and publishes its public key for ES256 signatures', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const s = setup({ receipts: { privateKey: pair.privateKey, issuer: 'https://pay.example.com' } });
    const auth = authenticator();
    await register(s, auth);
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN });
    const { receipt } = await s.server.finishStepUp({ ceremonyId, userId: alice.id, response });
    await expect(s.server.verifyReceipt(receipt, { userId: alice.id, ...release })).resolves.toBeDefined();
    const { keys } = await s.server.receiptJwks();
    const own = await exportJWK(pair.publicKey);
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'EC', x: own.x, y: own.y, alg: 'ES256', use: 'sig' }),
    ]);
  });
});
