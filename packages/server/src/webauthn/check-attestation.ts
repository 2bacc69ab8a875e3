import { verifyAttestationStatement } from './attestation-statement';
import {
  checkBackupFlags,
  checkRpIdHash,
  checkUserPresent,
  checkUserVerified,
} from './authenticator-data-checks';
import { checkChallenge, checkOrigin, checkSameOrigin, checkType } from './client-data-checks';
import { checkAlgorithm, checkCredentialId } from './credential-checks';
import type { RegistrationResponse } from './registration-response';

/** What a registration response must match: the ceremony and the server. */
export interface AttestationExpectations {
  challenge: string;
  origins: readonly string[];
  rpId: string;
  /** SHA-256 of the RP ID. */
  rpIdHash: Uint8Array;
  /** False only for an automatic upgrade (conditional create), which has neither UP nor UV. */
  userPresence: boolean;
  userVerification: boolean;
  /** The `alg`s the options offered in `pubKeyCredParams`. */
  algorithms: readonly number[];
}

/**
 * WebAuthn L3 §7.1 steps 7–20 and 23 on a parsed registration, in the spec's order: client data
 * (type, challenge, origin, same-origin), authenticator data (RP ID hash, UP, UV, backup flags),
 * the key's algorithm, the credential ID, then the attestation statement. Each refusal is a
 * PasskeyError of its step's code. Trust in the attestation (steps 21–22) is the caller's policy.
 */
export async function checkAttestation(
  response: RegistrationResponse,
  expected: AttestationExpectations,
): Promise<void> {
  const { clientData, attestation } = response;
  checkType(clientData, 'webauthn.create');
  checkChallenge(clientData, expected.challenge);
  checkOrigin(clientData, expected.origins);
  checkSameOrigin(clientData);
  checkRpIdHash(attestation.authData, expected.rpIdHash);
  if (expected.userPresence) checkUserPresent(attestation.authData);
  checkUserVerified(attestation.authData, expected.userVerification);
  checkBackupFlags(attestation.authData);
  checkAlgorithm(attestation, expected.algorithms);
  checkCredentialId(attestation, response.id);
  await verifyAttestationStatement(response, expected);
}
