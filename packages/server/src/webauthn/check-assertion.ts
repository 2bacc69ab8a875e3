import { concatBytes } from '../encoding';
import { verificationFailed } from '../errors/refusals';
import type { AuthenticationResponse } from './authentication-response';
import type { AuthenticatorData } from './authenticator-data';
import {
  checkBackupEligibility,
  checkBackupFlags,
  checkRpIdHash,
  checkUserPresent,
  checkUserVerified,
} from './authenticator-data-checks';
import { checkChallenge, checkOrigin, checkSameOrigin, checkType } from './client-data-checks';
import type { SignatureVerifier } from './signature/signature-verifier';

/** What an assertion must match: the ceremony, the server, and the key it must be signed with. */
export interface AssertionExpectations {
  challenge: string;
  origins: readonly string[];
  /** SHA-256 of the RP ID. */
  rpIdHash: Uint8Array;
  /** The policy requires user verification. */
  userVerification: boolean;
  /** The credential ID (the key cache's key) and its stored COSE public key. */
  credential: { id: string; publicKey: Uint8Array };
}

/**
 * WebAuthn L3 §7.2 steps 10–19 on a parsed assertion, in the spec's order: client data (type,
 * challenge, origin, same-origin), authenticator data (RP ID hash, UP, UV as the policy asks,
 * consistent backup flags), then the signature over authenticator data ‖ SHA-256(clientDataJSON).
 * Each refusal is a PasskeyError of its step's code; the signature's is VERIFICATION_FAILED. The
 * credential's identity (steps 5–6), its own rules ({@link checkPasskeyRules}) and its counter
 * (step 20) are the ceremony's to judge.
 */
export async function checkAssertion(
  verifier: SignatureVerifier,
  response: AuthenticationResponse,
  expected: AssertionExpectations,
): Promise<void> {
  const { clientData, authData } = response;
  checkType(clientData, 'webauthn.get');
  checkChallenge(clientData, expected.challenge);
  checkOrigin(clientData, expected.origins);
  checkSameOrigin(clientData);
  checkRpIdHash(authData, expected.rpIdHash);
  checkUserPresent(authData);
  checkUserVerified(authData, expected.userVerification);
  checkBackupFlags(authData);
  const { id, publicKey } = expected.credential;
  const signed = concatBytes(authData.bytes, await verifier.backend.sha256(clientData.bytes));
  if (!(await verifier.verify(id, publicKey, signed, response.signature))) {
    throw verificationFailed();
  }
}

/**
 * The rules a stored passkey sets for its own use, judged after the signature so that a real
 * credential and a fake one cost the same to refuse: a passkey registered with user verification
 * verifies the user every time, whatever the policy says now (§7.2 step 15: a stolen unlocked key
 * must not skip its PIN; USER_VERIFICATION_REQUIRED), and its backup eligibility never changes
 * (§7.2 step 16; VERIFICATION_FAILED).
 */
export function checkPasskeyRules(
  authData: AuthenticatorData,
  passkey: { userVerified: boolean; backupEligible: boolean },
): void {
  checkUserVerified(authData, passkey.userVerified);
  checkBackupEligibility(authData, passkey.backupEligible);
}
