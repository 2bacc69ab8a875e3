import { createHash, createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import { toBase64Url } from '../../encoding';
import type { CryptoBackend, NativeAlgorithm, NativeKey } from './backend';

function jwkOf(algorithm: NativeAlgorithm, key: NativeKey): JsonWebKey {
  if (algorithm === 'ES256' && key.kty === 'EC2') {
    return { kty: 'EC', crv: 'P-256', x: toBase64Url(key.x), y: toBase64Url(key.y) };
  }
  if (algorithm === 'EdDSA' && key.kty === 'OKP')
    return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.x) };
  if (algorithm === 'RS256' && key.kty === 'RSA')
    return { kty: 'RSA', n: toBase64Url(key.n), e: toBase64Url(key.e) };
  throw new TypeError(`a ${key.kty} key cannot be used for ${algorithm}`);
}

/**
 * node:crypto, for the package's `node` entry: a synchronous verify with a cached `KeyObject` and a
 * synchronous SHA-256, where WebCrypto on Node sends each call through the thread pool (measured in
 * docs/benchmarks.md: the difference decides whether a sign-in stays within 2× a raw verify).
 */
export const nodeCryptoBackend: CryptoBackend = {
  name: 'node:crypto',
  sha256: (data) => createHash('sha256').update(data).digest(),
  async importKey(algorithm, key) {
    return createPublicKey({ key: jwkOf(algorithm, key), format: 'jwk' });
  },
  verify(algorithm, key, signature, data) {
    const publicKey = key as KeyObject;
    try {
      if (algorithm === 'ES256')
        return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
      return verify(algorithm === 'EdDSA' ? null : 'sha256', data, publicKey, signature);
    } catch {
      return false;
    }
  },
};
