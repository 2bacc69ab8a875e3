import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { verificationFailed } from '../errors/refusals';
import type { RegistrationResponse } from './registration-response';

/** What the statement's verification needs to know of the ceremony (SimpleWebAuthn checks them again). */
export interface StatementExpectations {
  challenge: string;
  origins: readonly string[];
  rpId: string;
  userPresence: boolean;
  userVerification: boolean;
  algorithms: readonly number[];
}

const unverified = (cause?: unknown) =>
  verificationFailed('The registration response could not be verified', cause);

/**
 * WebAuthn L3 §7.1 steps 19–20: the attestation statement is correct for its format. `none`
 * (L3 §8.7) is an empty statement and is checked here on the parsed object. Every other format
 * (`packed`, `tpm`, `android-key`, `apple`, `fido-u2f`, …) keeps SimpleWebAuthn's verification
 * procedures; those are not exported one by one, so SimpleWebAuthn reads the response JSON itself
 * for them. VERIFICATION_FAILED when the statement does not verify.
 */
export async function verifyAttestationStatement(
  response: RegistrationResponse,
  expected: StatementExpectations,
): Promise<void> {
  const { fmt, attStmt } = response.attestation;
  if (fmt === 'none') {
    if (attStmt.size > 0) throw unverified();
    return;
  }
  let verified: boolean;
  try {
    const result = await verifyRegistrationResponse({
      response: response.json,
      expectedChallenge: expected.challenge,
      expectedOrigin: [...expected.origins],
      expectedRPID: expected.rpId,
      requireUserPresence: expected.userPresence,
      requireUserVerification: expected.userVerification,
      supportedAlgorithmIDs: [...expected.algorithms],
    });
    verified = result.verified;
  } catch (err) {
    throw unverified(err);
  }
  if (!verified) throw unverified();
}
