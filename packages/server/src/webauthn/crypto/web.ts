import { concatBytes, toBase64Url } from '../../encoding';
import type { CryptoBackend, NativeAlgorithm, NativeKey } from './backend';

type Bytes = Uint8Array<ArrayBuffer>;
const own = (bytes: Uint8Array) => bytes as Bytes;

const VERIFY: Record<NativeAlgorithm, AlgorithmIdentifier | EcdsaParams> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  EdDSA: { name: 'Ed25519' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
};

function importKey(algorithm: NativeAlgorithm, key: NativeKey): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  if (algorithm === 'ES256' && key.kty === 'EC2') {
    // The uncompressed point: the import checks that it lies on the curve.
    const point = concatBytes(Uint8Array.of(4), key.x, key.y);
    return subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  }
  if (algorithm === 'EdDSA' && key.kty === 'OKP') {
    return subtle.importKey('raw', own(key.x), { name: 'Ed25519' }, false, ['verify']);
  }
  if (algorithm === 'RS256' && key.kty === 'RSA') {
    const jwk = { kty: 'RSA', n: toBase64Url(key.n), e: toBase64Url(key.e) };
    return subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  }
  return Promise.reject(new TypeError(`a ${key.kty} key cannot be used for ${algorithm}`));
}

/** WebCrypto (`globalThis.crypto.subtle`): Node, Deno, Bun, browsers and edge runtimes. */
export const webCryptoBackend: CryptoBackend = {
  name: 'webcrypto',
  async sha256(data) {
    return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', own(data)));
  },
  importKey,
  async verify(algorithm, key, signature, data) {
    try {
      return await globalThis.crypto.subtle.verify(
        VERIFY[algorithm],
        key as CryptoKey,
        own(signature),
        own(data),
      );
    } catch {
      return false;
    }
  },
};
