import type { KeyObject } from 'node:crypto';
import { type AlgorithmName, COSE_ALGORITHM } from './algorithms';
import { fromBase64url } from './base64url';
import { encodeCbor } from './cbor';

/** COSE key parameters (RFC 9052 §7, RFC 9053 §7) used by the three supported key types. */
const KTY = 1;
const ALG = 3;
const KTY_OKP = 1;
const KTY_EC2 = 2;
const KTY_RSA = 3;
const CRV_P256 = 1;
const CRV_ED25519 = 6;

/**
 * The credential public key as a COSE_Key Map with integer labels (L3 §6.5.1.1): EC2 `{1:2,
 * 3:-7, -1:1, -2:x, -3:y}`, OKP `{1:1, 3:-8, -1:6, -2:x}`, RSA `{1:3, 3:-257, -1:n, -2:e}`.
 */
export function coseKeyOf(algorithm: AlgorithmName, publicKey: KeyObject): Map<number, number | Uint8Array> {
  const jwk = publicKey.export({ format: 'jwk' });
  const bytes = (field: string | undefined) => fromBase64url(field ?? '');
  const alg = COSE_ALGORITHM[algorithm];
  switch (algorithm) {
    case 'ES256':
      return new Map<number, number | Uint8Array>([
        [KTY, KTY_EC2],
        [ALG, alg],
        [-1, CRV_P256],
        [-2, bytes(jwk.x)],
        [-3, bytes(jwk.y)],
      ]);
    case 'EdDSA':
      return new Map<number, number | Uint8Array>([
        [KTY, KTY_OKP],
        [ALG, alg],
        [-1, CRV_ED25519],
        [-2, bytes(jwk.x)],
      ]);
    case 'RS256':
      return new Map<number, number | Uint8Array>([
        [KTY, KTY_RSA],
        [ALG, alg],
        [-1, bytes(jwk.n)],
        [-2, bytes(jwk.e)],
      ]);
  }
}

/** The CBOR bytes of the COSE key, as embedded in attested credential data. */
export function encodeCoseKey(algorithm: AlgorithmName, publicKey: KeyObject): Uint8Array<ArrayBuffer> {
  return encodeCbor(coseKeyOf(algorithm, publicKey));
}
