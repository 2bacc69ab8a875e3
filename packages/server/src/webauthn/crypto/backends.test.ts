/**
 * Both crypto backends, alike: a key imports only for its own algorithm, a valid signature of each
 * algorithm verifies, and a key of the wrong kind, a wrong signature or a wrong algorithm resolves
 * false instead of throwing.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Ec2Key, OkpKey, RsaKey } from '../cose-key';
import type { CryptoBackend, NativeAlgorithm, NativeKey } from './backend';
import { nodeCryptoBackend } from './node';
import { webCryptoBackend } from './web';

const jwkBytes = (value: string | undefined) => new Uint8Array(Buffer.from(value as string, 'base64url'));

function pair(algorithm: NativeAlgorithm): { key: NativeKey; privateKey: KeyObject } {
  if (algorithm === 'ES256') {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const key: Ec2Key = { kty: 'EC2', alg: -7, crv: 'P-256', x: jwkBytes(jwk.x), y: jwkBytes(jwk.y) };
    return { key, privateKey };
  }
  if (algorithm === 'EdDSA') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const key: OkpKey = {
      kty: 'OKP',
      alg: -8,
      crv: 'Ed25519',
      x: jwkBytes(publicKey.export({ format: 'jwk' }).x),
    };
    return { key, privateKey };
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const key: RsaKey = { kty: 'RSA', alg: -257, n: jwkBytes(jwk.n), e: jwkBytes(jwk.e) };
  return { key, privateKey };
}

const signWith = (algorithm: NativeAlgorithm, privateKey: KeyObject, data: Uint8Array) =>
  new Uint8Array(
    algorithm === 'ES256'
      ? sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })
      : sign(algorithm === 'EdDSA' ? null : 'sha256', data, privateKey),
  );

const ALGORITHMS: NativeAlgorithm[] = ['ES256', 'EdDSA', 'RS256'];
const keys = Object.fromEntries(ALGORITHMS.map((a) => [a, pair(a)])) as Record<
  NativeAlgorithm,
  ReturnType<typeof pair>
>;
const data = new TextEncoder().encode('authenticator data ‖ client data hash');

describe.each([nodeCryptoBackend, webCryptoBackend] as CryptoBackend[])('crypto backend $name', (backend) => {
  it('verifies a valid signature of each algorithm, and refuses it over other data', async () => {
    for (const algorithm of ALGORITHMS) {
      const { key, privateKey } = keys[algorithm];
      const imported = await backend.importKey(algorithm, key);
      const signature = signWith(algorithm, privateKey, data);
      expect(await backend.verify(algorithm, imported, signature, data), algorithm).toBe(true);
      expect(await backend.verify(algorithm, imported, signature, data.slice(1)), algorithm).toBe(false);
    }
  });

  it('imports a key only for its own algorithm', async () => {
    for (const algorithm of ALGORITHMS) {
      for (const other of ALGORITHMS.filter((a) => a !== algorithm)) {
        await expect(
          backend.importKey(algorithm, keys[other].key),
          `${keys[other].key.kty} for ${algorithm}`,
        ).rejects.toThrow(TypeError);
      }
    }
  });

  // The verifier never mixes them (a key is imported for the algorithm of its own COSE key); the
  // backends only promise not to throw. An RSA key under ES256 or EdDSA is not here: node:crypto
  // verifies PKCS#1 with it, as the key's own kind says.
  it('resolves false, never throws, for an Ed25519 key under ES256 or RS256, and a P-256 key under EdDSA', async () => {
    const mixed: Array<[NativeAlgorithm, NativeAlgorithm]> = [
      ['ES256', 'EdDSA'],
      ['RS256', 'EdDSA'],
      ['EdDSA', 'ES256'],
    ];
    for (const [algorithm, other] of mixed) {
      const imported = await backend.importKey(other, keys[other].key);
      const signature = signWith(other, keys[other].privateKey, data);
      expect(
        await backend.verify(algorithm, imported, signature, data),
        `${other} key for ${algorithm}`,
      ).toBe(false);
    }
  });
});
