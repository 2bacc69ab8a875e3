import { bytesEqual } from '../encoding';
import { rpIdMismatch, userNotVerified, verificationFailed } from '../errors/refusals';
import type { AuthenticatorData } from './authenticator-data';

/**
 * The authenticator data checks of WebAuthn L3 §7.1 and §7.2, one function per step, each
 * failing with one error code. Step numbers are those of the Level 3 editor's draft.
 */

/** §7.1 step 12 / §7.2 step 13: made for this RP ID (`rpIdHash` = SHA-256 of it). RP_ID_MISMATCH otherwise. */
export function checkRpIdHash(authData: AuthenticatorData, expected: Uint8Array): void {
  if (!bytesEqual(authData.rpIdHash, expected)) {
    throw rpIdMismatch();
  }
}

/** §7.1 step 13 / §7.2 step 14: the user was present (UP). USER_VERIFICATION_REQUIRED otherwise. */
export function checkUserPresent(authData: AuthenticatorData): void {
  if (!authData.flags.up) throw userNotVerified();
}

/** §7.1 step 14 / §7.2 step 15: when required, the user was verified (UV). USER_VERIFICATION_REQUIRED otherwise. */
export function checkUserVerified(authData: AuthenticatorData, required: boolean): void {
  if (required && !authData.flags.uv) throw userNotVerified();
}

/**
 * L3 §6.1.3: a credential that is not backup eligible (BE) cannot be backed up (BS); the two flags
 * together are impossible, and SimpleWebAuthn refuses them too. VERIFICATION_FAILED otherwise.
 */
export function checkBackupFlags(authData: AuthenticatorData): void {
  if (authData.flags.bs && !authData.flags.be) {
    throw verificationFailed('The authenticator reports a backup of a device-bound credential');
  }
}

/**
 * §7.2 step 16, as this server's policy reads it: backup eligibility is fixed when a credential is
 * made (§6.1.3), so an assertion whose BE differs from the stored one comes from another
 * credential or a tampered authenticator. VERIFICATION_FAILED otherwise.
 */
export function checkBackupEligibility(authData: AuthenticatorData, storedEligible: boolean): void {
  if (authData.flags.be !== storedEligible) {
    throw verificationFailed();
  }
}

/**
 * §7.2 step 20: the signature counter moved forward, unless both it and the stored one are 0
 * (an authenticator without a counter). False for a possible clone; the caller applies its policy.
 */
export function counterAdvanced(authData: AuthenticatorData, stored: number): boolean {
  return (authData.counter === 0 && stored === 0) || authData.counter > stored;
}
