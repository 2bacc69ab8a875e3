import { toBase64Url } from '../encoding';
import { verificationFailed } from '../errors/refusals';
import type { AttestationObject } from './attestation-object';

/**
 * The checks of WebAuthn L3 §7.1 on the new credential itself, one function per step, each failing
 * with one error code. Step numbers are those of the Level 3 editor's draft.
 */

/**
 * §7.1 step 17: the public key's `alg` is one of those the options offered in `pubKeyCredParams`.
 * VERIFICATION_FAILED otherwise.
 */
export function checkAlgorithm(attestation: AttestationObject, offered: readonly number[]): void {
  if (!offered.includes(attestation.publicKey.alg)) {
    throw verificationFailed('The new passkey uses an algorithm this server did not offer');
  }
}

/**
 * §7.1 step 23, and the response's own consistency: the credential ID in the authenticator data is
 * the one the response names (`id`), and at most 1023 bytes long. VERIFICATION_FAILED otherwise.
 */
export function checkCredentialId(attestation: AttestationObject, id: string): void {
  const credentialId = attestation.authData.attested.credentialId;
  if (credentialId.length > 1023 || toBase64Url(credentialId) !== id) {
    throw verificationFailed('The credential ID does not match the authenticator data');
  }
}
