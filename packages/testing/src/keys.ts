import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { AlgorithmName } from './algorithms';

/** A credential or attestation key pair. */
export interface KeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

/** Generates a fresh key pair: P-256 for ES256, Ed25519 for EdDSA, RSA-2048 for RS256. */
export function generateKeyPair(algorithm: AlgorithmName): KeyPair {
  switch (algorithm) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  }
}

/**
 * Signs as WebAuthn expects (L3 §6.5.6): ES256 as an ASN.1 DER `Ecdsa-Sig-Value`, EdDSA as the
 * raw 64-byte Ed25519 signature, RS256 as RSASSA-PKCS1-v1_5 with SHA-256.
 */
export function signWith(algorithm: AlgorithmName, privateKey: KeyObject, data: Uint8Array): Uint8Array {
  switch (algorithm) {
    case 'ES256':
      return new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
    case 'EdDSA':
      return new Uint8Array(sign(null, data, privateKey));
    case 'RS256':
      return new Uint8Array(sign('sha256', data, privateKey));
  }
}

/** The public key as DER SubjectPublicKeyInfo, the `getPublicKey()` form of the JSON response. */
export function spkiOf(publicKey: KeyObject): Uint8Array {
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}
