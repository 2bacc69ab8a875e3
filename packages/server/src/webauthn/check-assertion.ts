import { PasskeyError } from '@acme/passkey-core';
import { concatBytes } from '../internal/encoding';
import type { AuthenticationResponse } from './authentication-response';
import {
  checkBackupEligibility,
  checkBackupFlags,
  checkRpIdHash,
  checkUserPresent,
  checkUserVerified,
} from './authenticator-data-checks';
import { checkChallenge, checkOrigin, checkSameOrigin, checkType } from './client-data-checks';
import type { SignatureVerifier } from './signature/signature-verifier';

/** What an assertion must match: the ceremony, the server, and the stored credential. */
export interface AssertionExpectations {
  challenge: string;
  origins: readonly string[];
  /** SHA-256 of the RP ID. */
  rpIdHash: Uint8Array;
  /** UV required: by policy, or because the passkey verified its user when it was registered. */
  userVerification: boolean;
  credential: { id: string; publicKey: Uint8Array; backupEligible: boolean };
}

/**
 * WebAuthn L3 §7.2 steps 10–19 on a parsed assertion, in the spec's order: client data (type,
 * challenge, origin, same-origin), authenticator data (RP ID hash, UP, UV, backup flags, backup
 * eligibility unchanged), then the signature over authenticator data ‖ SHA-256(clientDataJSON).
 * Each refusal is a PasskeyError of its step's code; the signature's is VERIFICATION_FAILED. The
 * credential's identity (steps 5–6) and its counter (step 20) are the ceremony's to judge.
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
  checkBackupEligibility(authData, expected.credential.backupEligible);
  const { id, publicKey } = expected.credential;
  const signed = concatBytes(authData.bytes, await verifier.backend.sha256(clientData.bytes));
  if (!(await verifier.verify(id, publicKey, signed, response.signature))) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The response could not be verified');
  }
}
