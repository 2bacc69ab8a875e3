import type { KeyObject } from 'node:crypto';
import { type AlgorithmName, COSE_ALGORITHM } from '../algorithms';
import { concatBytes } from '../base64url';
import { signWith } from '../keys';
import type { AttestationCertificate } from './ca';

/**
 * `packed` self attestation (WebAuthn L3 §8.2, "If self attestation is in use"): the credential
 * key signs authenticatorData || clientDataHash, and `alg` is the credential's algorithm.
 */
export function packedSelfStatement(input: {
  algorithm: AlgorithmName;
  credentialKey: KeyObject;
  authData: Uint8Array;
  clientDataHash: Uint8Array;
}): Map<string, unknown> {
  const sig = signWith(
    input.algorithm,
    input.credentialKey,
    concatBytes(input.authData, input.clientDataHash),
  );
  return new Map<string, unknown>([
    ['alg', COSE_ALGORITHM[input.algorithm]],
    ['sig', sig],
  ]);
}

/**
 * `packed` full (basic) attestation (WebAuthn L3 §8.2, "If Basic or AttCA attestation is in
 * use"): the P-256 attestation key signs authenticatorData || clientDataHash, and `x5c` holds
 * the attestation certificate; the root stays out of `x5c`, as verifiers supply it themselves.
 */
export function packedFullStatement(input: {
  attestation: AttestationCertificate;
  authData: Uint8Array;
  clientDataHash: Uint8Array;
}): Map<string, unknown> {
  const data = concatBytes(input.authData, input.clientDataHash);
  return new Map<string, unknown>([
    ['alg', COSE_ALGORITHM.ES256],
    ['sig', signWith('ES256', input.attestation.privateKey, data)],
    ['x5c', [input.attestation.certificate]],
  ]);
}
