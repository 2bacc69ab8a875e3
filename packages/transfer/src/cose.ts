import { Decoder } from 'cbor-x';
import { invalidField } from './errors';

// COSE key parameters (RFC 9052 §7, RFC 9053 §7): kty 1, alg 3; crv -1, x -2, y -3; RSA n -1, e -2.
const KTY = 1;
const ALG = 3;
const OKP = 1;
const EC2 = 2;
const RSA = 3;
const AKP = 7;

/** The curve and coordinate length of each EC2 algorithm (RFC 9053 §2.1, RFC 8812 §3.2). */
const EC2_CURVES: Record<number, { crv: number; size: number }> = {
  [-7]: { crv: 1, size: 32 }, // ES256, P-256
  [-35]: { crv: 2, size: 48 }, // ES384, P-384
  [-36]: { crv: 3, size: 66 }, // ES512, P-521
  [-47]: { crv: 8, size: 32 }, // ES256K, secp256k1
};
/** RS256, RS384, RS512, PS256, PS384, PS512, RS1 (RFC 8812 §2). */
const RSA_ALGS = new Set([-257, -258, -259, -37, -38, -39, -65535]);
/** ML-DSA-44, -65, -87 (AKP keys). */
const AKP_ALGS = new Set([-48, -49, -50]);

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const isBytes = (v: unknown, size?: number): v is Uint8Array =>
  v instanceof Uint8Array && v.length > 0 && (size === undefined || v.length === size);

/**
 * The COSE algorithm of a credential public key, read from the key itself (WebAuthn L3 §6.5.1.1:
 * the key carries `alg`), after checking that the key is one CBOR map of a kind the server can
 * verify signatures with, its parameters shaped as that algorithm needs.
 * @throws PasskeyError INVALID_REQUEST (`details.field`: `publicKey`).
 */
export function coseAlgorithm(publicKey: Uint8Array): number {
  let key: unknown;
  try {
    // A copy: cbor-x caches a `dataView` property on the array it reads, which is the caller's.
    key = decoder.decode(new Uint8Array(publicKey));
  } catch (err) {
    invalidField('publicKey', 'is not one CBOR-encoded COSE key', err);
  }
  if (!(key instanceof Map)) invalidField('publicKey', 'is not a COSE key (a CBOR map)');
  const kty = key.get(KTY);
  const alg = key.get(ALG);
  if (!Number.isInteger(alg)) invalidField('publicKey', 'has no algorithm (COSE alg)');
  const ok =
    kty === EC2
      ? EC2_CURVES[alg] !== undefined &&
        key.get(-1) === EC2_CURVES[alg].crv &&
        isBytes(key.get(-2), EC2_CURVES[alg].size) &&
        isBytes(key.get(-3), EC2_CURVES[alg].size)
      : kty === OKP
        ? alg === -8 && key.get(-1) === 6 && isBytes(key.get(-2), 32)
        : kty === RSA
          ? RSA_ALGS.has(alg) && isBytes(key.get(-1)) && isBytes(key.get(-2))
          : kty === AKP && AKP_ALGS.has(alg) && isBytes(key.get(-1));
  if (!ok) invalidField('publicKey', `is not a usable COSE key (kty ${String(kty)}, alg ${alg})`);
  return alg;
}
