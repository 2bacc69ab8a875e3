import { concatBytes } from '../base64url';
import { signWith } from '../keys';
import type { AttestationCertificate } from './ca';

/**
 * `fido-u2f` attestation (WebAuthn L3 §8.6): the attestation key signs
 * 0x00 || rpIdHash || clientDataHash || credentialId || publicKeyU2F, where publicKeyU2F is the
 * uncompressed P-256 point 0x04 || x || y (hence ES256 only); `x5c` holds exactly one certificate.
 */
export function fidoU2fStatement(input: {
  attestation: AttestationCertificate;
  rpIdHash: Uint8Array;
  clientDataHash: Uint8Array;
  credentialId: Uint8Array;
  cosePublicKey: Map<number, number | Uint8Array>;
}): Map<string, unknown> {
  const x = input.cosePublicKey.get(-2);
  const y = input.cosePublicKey.get(-3);
  if (!(x instanceof Uint8Array) || !(y instanceof Uint8Array)) {
    throw new TypeError('fido-u2f attestation needs an EC2 P-256 credential key');
  }
  const publicKeyU2F = concatBytes(Uint8Array.of(0x04), x, y);
  const data = concatBytes(
    Uint8Array.of(0x00),
    input.rpIdHash,
    input.clientDataHash,
    input.credentialId,
    publicKeyU2F,
  );
  return new Map<string, unknown>([
    ['sig', signWith('ES256', input.attestation.privateKey, data)],
    ['x5c', [input.attestation.certificate]],
  ]);
}
