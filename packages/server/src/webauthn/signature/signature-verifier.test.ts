import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { credential, unb64 } from '../../../test/webauthn/helpers';
import type { CryptoBackend } from '../crypto/backend';
import { nodeCryptoBackend } from '../crypto/node';
import { webCryptoBackend } from '../crypto/web';
import { createSignatureVerifier } from './signature-verifier';

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] = (c[at] as number) ^ 1;
  return c;
};

/** What an assertion signs, and its signature, from the software authenticator. */
async function signed(algorithm: 'ES256' | 'EdDSA' | 'RS256') {
  const { stored, assertion } = await credential(algorithm);
  const { response } = await assertion();
  const data = Uint8Array.from([
    ...unb64(response.authenticatorData),
    ...sha256(unb64(response.clientDataJSON)),
  ]);
  return { id: stored.id, publicKey: stored.publicKey, data, signature: unb64(response.signature) };
}

/** A backend that counts key imports. */
const counting = (backend: CryptoBackend) => {
  const counter = { imports: 0 };
  const wrapped: CryptoBackend = {
    ...backend,
    importKey: (a, k) => {
      counter.imports++;
      return backend.importKey(a, k);
    },
  };
  return { wrapped, counter };
};

describe.each([webCryptoBackend, nodeCryptoBackend])('signature verifier on $name', (backend) => {
  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    '%s: verifies a real signature natively and nothing else',
    async (algorithm) => {
      const { id, publicKey, data, signature } = await signed(algorithm);
      const { wrapped, counter } = counting(backend);
      const verifier = createSignatureVerifier(wrapped);
      expect(await verifier.verify(id, publicKey, data, signature)).toBe(true);
      expect(await verifier.verify(id, publicKey, data, signature)).toBe(true);
      expect(counter.imports).toBe(1); // imported once, then cached
      for (const at of [0, 5, signature.length - 1])
        expect(await verifier.verify(id, publicKey, data, flip(signature, at))).toBe(false);
      expect(await verifier.verify(id, publicKey, flip(data, 36), signature)).toBe(false);
      expect(await verifier.verify(id, publicKey, data, signature.subarray(0, -1))).toBe(false);
      expect(await verifier.verify(id, publicKey, data, new Uint8Array())).toBe(false);
    },
  );

  it('never verifies with a stale key: the same credential ID with other key bytes uses those', async () => {
    const a = await signed('ES256');
    const b = await signed('ES256');
    const verifier = createSignatureVerifier(backend);
    expect(await verifier.verify('same-id', a.publicKey, a.data, a.signature)).toBe(true);
    expect(await verifier.verify('same-id', b.publicKey, a.data, a.signature)).toBe(false);
    expect(await verifier.verify('same-id', b.publicKey, b.data, b.signature)).toBe(true);
    expect(await verifier.verify('same-id', a.publicKey, b.data, b.signature)).toBe(false);
  });

  it('refuses the all-zero ES256 signature (CVE-2022-21449) and a key that does not parse', async () => {
    const { id, publicKey, data } = await signed('ES256');
    const verifier = createSignatureVerifier(backend);
    expect(await verifier.verify(id, publicKey, data, Uint8Array.from([0x30, 6, 2, 1, 0, 2, 1, 0]))).toBe(
      false,
    );
    expect(await verifier.verify('other', Uint8Array.of(0xa0), data, new Uint8Array(64))).toBe(false);
  });

  it('verifies other algorithms SimpleWebAuthn supports through its helper (ES384)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -35],
        [-1, 2],
        [-2, unb64(jwk.x as string)],
        [-3, unb64(jwk.y as string)],
      ]) as never,
    );
    const data = new TextEncoder().encode('authenticator data ‖ client data hash');
    const signature = new Uint8Array(sign('sha384', data, { key: privateKey, dsaEncoding: 'der' }));
    const { wrapped, counter } = counting(backend);
    const verifier = createSignatureVerifier(wrapped);
    expect(await verifier.verify('p384', cose, data, signature)).toBe(true);
    expect(await verifier.verify('p384', cose, data, flip(signature, 10))).toBe(false);
    expect(counter.imports).toBe(0);
  });

  it('keeps at most maxKeys imported keys', async () => {
    const keys = await Promise.all([signed('EdDSA'), signed('EdDSA'), signed('EdDSA')]);
    const { wrapped, counter } = counting(backend);
    const verifier = createSignatureVerifier(wrapped, { maxKeys: 2 });
    for (const k of [...keys, ...keys])
      expect(await verifier.verify(k.id, k.publicKey, k.data, k.signature)).toBe(true);
    expect(counter.imports).toBe(6); // three credentials cycling through two places: every use a miss
  });
});
