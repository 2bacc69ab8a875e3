/**
 * CVE-2022-21449 ("psychic signatures"): Java 15–18's ECDSA verifier accepted a signature with
 * r = s = 0 for any message and any key, because it never checked that r and s lie in [1, n − 1]
 * (FIPS 186-4 §6.4.2). For WebAuthn that is a sign-in as anyone whose credential ID is known.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { decodeCbor } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import type { CryptoBackend } from '../../src/webauthn/crypto/backend';
import { nodeCryptoBackend } from '../../src/webauthn/crypto/node';
import { createSignatureVerifier } from '../../src/webauthn/signature/signature-verifier';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from '../helpers';

const N = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
/** ASN.1 DER Ecdsa-Sig-Value (WebAuthn L3 §6.5.5) of r = s = 0, and of r = s = n (≡ 0). */
const PSYCHIC = {
  'r = s = 0': Buffer.from('3006020100020100', 'hex'),
  'r = s = n': Buffer.from(`3046022100${N}022100${N}`, 'hex'),
};
const DATA = new Uint8Array(Buffer.from('any authenticator data and client data hash'));

describe('CVE-2022-21449 (psychic signatures): the runtime’s verifiers refuse r = s = 0', () => {
  it('CVE-2022-21449: WebCrypto ECDSA P-256 verify refuses a signature of 64 zero bytes', async () => {
    const subtle = globalThis.crypto.subtle;
    const ec = { name: 'ECDSA', namedCurve: 'P-256' };
    const pair = (await subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair;
    const params = { name: 'ECDSA', hash: 'SHA-256' };
    expect(await subtle.verify(params, pair.publicKey, new Uint8Array(64), DATA)).toBe(false);
    // The same key and data verify a genuine signature: the refusal is about the signature.
    const genuine = await subtle.sign(params, pair.privateKey, DATA);
    expect(await subtle.verify(params, pair.publicKey, genuine, DATA)).toBe(true);
  });

  it.each(Object.entries(PSYCHIC))('CVE-2022-21449: node:crypto verify refuses %s, DER and raw', (_, der) => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verify('sha256', DATA, publicKey, der)).toBe(false);
    const raw = { key: publicKey, dsaEncoding: 'ieee-p1363' as const };
    expect(verify('sha256', DATA, raw, new Uint8Array(64))).toBe(false);
  });
});

describe('CVE-2022-21449 (psychic signatures): the SDK refuses them end to end', () => {
  it.each(Object.entries(PSYCHIC))(
    'CVE-2022-21449: a sign-in and a step-up whose ES256 signature is %s are VERIFICATION_FAILED',
    async (_, der) => {
      const s = setup();
      const auth = authenticator({ algorithm: 'ES256' });
      const passkey = await register(s, auth);
      const psychic = (r: Awaited<ReturnType<typeof auth.get>>) => ({
        ...r,
        response: { ...r.response, signature: der.toString('base64url') },
      });
      const signIn = await s.server.startAuthentication();
      const response = psychic(await auth.get(signIn.options, { origin: ORIGIN }));
      await rejectsWith(
        s.server.finishAuthentication({ ceremonyId: signIn.ceremonyId, response }),
        'VERIFICATION_FAILED',
      );
      const stepUp = await s.server.startStepUp({ userId: alice.id, action: 'p2p.release', details: {} });
      const answer = psychic(await auth.get(stepUp.options, { origin: ORIGIN }));
      const finish = { ceremonyId: stepUp.ceremonyId, userId: alice.id, response: answer };
      await rejectsWith(s.server.finishStepUp(finish), 'VERIFICATION_FAILED');
      expect((await s.store.get(passkey.id))?.lastUsedAt).toBeNull();
    },
  );

  it('CVE-2022-21449: a packed self attestation whose signature is r = s = 0 does not register', async () => {
    const s = setup();
    const { ceremonyId, options } = await s.server.startRegistration({
      user: alice,
      lastVerifiedAt: s.clock.now,
    });
    const real = await authenticator({ attestation: 'packed-self' }).create(options, { origin: ORIGIN });
    const object = decodeCbor(Buffer.from(real.response.attestationObject, 'base64url')) as Map<
      string,
      unknown
    >;
    (object.get('attStmt') as Map<string, unknown>).set('sig', new Uint8Array(PSYCHIC['r = s = 0']));
    const attestationObject = Buffer.from(isoCBOR.encode(object as never)).toString('base64url');
    const response = { ...real, response: { ...real.response, attestationObject } };
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: alice.id, response }),
      'VERIFICATION_FAILED',
    );
    expect(await s.store.listByUser(alice.id)).toEqual([]);
  });

  it('CVE-2022-21449: on a runtime whose verifier forgets the range check (as Java 15–18’s did), the SDK’s verifier still refuses', async () => {
    // A backend that behaves as the vulnerable JDK did: r = s = 0 verifies, for any key and data.
    const vulnerable: CryptoBackend = {
      ...nodeCryptoBackend,
      name: 'a runtime with CVE-2022-21449',
      verify: (algorithm, key, signature, data) =>
        (algorithm === 'ES256' && signature.every((b) => b === 0)) ||
        nodeCryptoBackend.verify(algorithm, key, signature, data),
    };
    const auth = authenticator({ algorithm: 'ES256' });
    const s = setup();
    await register(s, auth);
    const { id, publicKey } = auth.credentials[0]!;
    const key = await vulnerable.importKey('ES256', { kty: 'EC2', alg: -7, crv: 'P-256', ...xy(publicKey) });
    expect(await vulnerable.verify('ES256', key, new Uint8Array(64), DATA)).toBe(true);
    const verifier = createSignatureVerifier(vulnerable);
    for (const der of Object.values(PSYCHIC)) {
      expect(await verifier.verify(id, publicKey, DATA, der)).toBe(false);
    }
    expect(await verifier.verify(id, publicKey, DATA, auth.sign(id, DATA))).toBe(true);
  });
});

/** The x and y coordinates of a COSE EC2 key (labels -2 and -3). */
function xy(cose: Uint8Array): { x: Uint8Array; y: Uint8Array } {
  const map = decodeCbor(cose) as Map<number, Uint8Array>;
  return { x: map.get(-2) as Uint8Array, y: map.get(-3) as Uint8Array };
}
