import { invalid } from '../errors/refusals';
import { type CborValue, decodeCbor, isCborMap } from './cbor';

/** COSE_Key labels (RFC 9052 §7.1, RFC 9053 §7) and the values this server reads. */
const KTY = 1;
const ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;
const N = -1;
const E = -2;
const CURVES = {
  1: { name: 'P-256', size: 32 },
  2: { name: 'P-384', size: 48 },
  3: { name: 'P-521', size: 66 },
} as const;

/** An elliptic-curve key (kty EC2). */
export interface Ec2Key {
  kty: 'EC2';
  alg: number;
  crv: 'P-256' | 'P-384' | 'P-521';
  x: Uint8Array;
  y: Uint8Array;
}

/** An Edwards-curve key (kty OKP). */
export interface OkpKey {
  kty: 'OKP';
  alg: number;
  crv: 'Ed25519';
  x: Uint8Array;
}

/** An RSA key (kty RSA). */
export interface RsaKey {
  kty: 'RSA';
  alg: number;
  n: Uint8Array;
  e: Uint8Array;
}

/** A key of another type (e.g. AKP, ML-DSA): SimpleWebAuthn's helper verifies those. */
export interface OtherKey {
  kty: 'other';
  alg: number;
}

/** A credential public key (L3 §6.5.1.1), parsed and checked once. */
export type CoseKey = Ec2Key | OkpKey | RsaKey | OtherKey;

function bytesOf(
  map: Map<string | number, CborValue>,
  label: number,
  what: string,
  size?: number,
): Uint8Array {
  const value = map.get(label);
  if (!(value instanceof Uint8Array) || value.length === 0 || (size !== undefined && value.length !== size)) {
    invalid(`the credential public key's ${what} is missing or of the wrong length`);
  }
  return value;
}

/**
 * Parses a COSE_Key (L3 §6.5.1.1): a CBOR map with an integer `kty` and `alg` (required by
 * WebAuthn), and for EC2 a P-256/384/521 `crv` with `x` and `y` of its size, for OKP an Ed25519
 * `x` of 32 bytes, for RSA a modulus `n` and exponent `e`. Anything else is INVALID_REQUEST.
 */
export function parseCoseKey(bytes: Uint8Array): CoseKey {
  return coseKeyOf(decodeCbor(bytes, 'the credential public key'));
}

/** {@link parseCoseKey} on a COSE_Key already decoded (with the authenticator data that holds it). */
export function coseKeyOf(map: CborValue): CoseKey {
  if (!isCborMap(map)) invalid('the credential public key is not a COSE_Key map');
  const kty = map.get(KTY);
  const alg = map.get(ALG);
  if (!Number.isSafeInteger(kty) || !Number.isSafeInteger(alg)) {
    invalid('the credential public key lacks an integer kty or alg');
  }
  const algorithm = alg as number;
  if (kty === 2) {
    const curve = CURVES[map.get(CRV) as keyof typeof CURVES];
    if (curve === undefined) invalid('the credential public key is on an unsupported EC2 curve');
    const { name, size } = curve;
    return {
      kty: 'EC2',
      alg: algorithm,
      crv: name,
      x: bytesOf(map, X, 'x', size),
      y: bytesOf(map, Y, 'y', size),
    };
  }
  if (kty === 1) {
    if (map.get(CRV) !== 6) invalid('the credential public key is on an unsupported OKP curve');
    return { kty: 'OKP', alg: algorithm, crv: 'Ed25519', x: bytesOf(map, X, 'x', 32) };
  }
  if (kty === 3) return { kty: 'RSA', alg: algorithm, n: bytesOf(map, N, 'n'), e: bytesOf(map, E, 'e') };
  return { kty: 'other', alg: algorithm };
}
