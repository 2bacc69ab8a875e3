/**
 * The two judges of the differential tests: this server's parse + checks + signature pipeline
 * (src/webauthn), and bare @simplewebauthn/server, given the same response and the same
 * expectations. Each answers 'accept' or 'refuse' (ours with the code it refused with).
 */
import { isPasskeyError, PasskeyError } from '@acme/passkey-core';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { parseAuthenticationResponse } from '../../src/webauthn/authentication-response';
import { counterAdvanced } from '../../src/webauthn/authenticator-data-checks';
import { checkAssertion, checkPasskeyRules } from '../../src/webauthn/check-assertion';
import { checkAttestation } from '../../src/webauthn/check-attestation';
import type { CryptoBackend } from '../../src/webauthn/crypto/backend';
import { parseRegistrationResponse } from '../../src/webauthn/registration-response';
import { unpad } from '../../src/webauthn/response-json';
import { createSignatureVerifier } from '../../src/webauthn/signature/signature-verifier';

export type Verdict = { accepted: true } | { accepted: false; code: string };

/** The ceremony and the stored credential an assertion is judged against. */
export interface AssertionWorld {
  challenge: string;
  origins: string[];
  rpId: string;
  rpIdHash: Uint8Array;
  /** The policy's `userVerification === 'required'`. */
  requireUserVerification: boolean;
  credential: {
    id: string;
    publicKey: Uint8Array;
    counter: number;
    userHandle: string;
    backupEligible: boolean;
    /** UV at registration: such a passkey must verify its user every time (sticky UV). */
    userVerified: boolean;
  };
}

/** What a registration is judged against. */
export interface RegistrationWorld {
  challenge: string;
  origins: string[];
  rpId: string;
  rpIdHash: Uint8Array;
  requireUserVerification: boolean;
  algorithms: number[];
}

async function verdictOf(run: () => Promise<unknown>): Promise<Verdict> {
  try {
    await run();
    return { accepted: true };
  } catch (err) {
    if (isPasskeyError(err)) return { accepted: false, code: err.code };
    throw err; // anything but a PasskeyError is a bug of ours, never a verdict
  }
}

/** This server's judges, on one crypto backend (keys cached across calls, as in production). */
export function ourJudges(backend: CryptoBackend) {
  const verifier = createSignatureVerifier(backend);
  return {
    /** §7.2 as a known-user sign-in runs it: parse, user handle, steps 10–19, the passkey's rules, counter ('reject'). */
    assertion: (response: unknown, world: AssertionWorld) =>
      verdictOf(async () => {
        const parsed = parseAuthenticationResponse(response);
        const { credential } = world;
        if (parsed.userHandle !== null && parsed.userHandle !== credential.userHandle) {
          throw new PasskeyError('VERIFICATION_FAILED', 'another user handle');
        }
        await checkAssertion(verifier, parsed, {
          challenge: world.challenge,
          origins: world.origins,
          rpIdHash: world.rpIdHash,
          userVerification: world.requireUserVerification,
          credential: { id: credential.id, publicKey: credential.publicKey },
        });
        checkPasskeyRules(parsed.authData, credential);
        if (!counterAdvanced(parsed.authData, credential.counter)) {
          throw new PasskeyError('COUNTER_REGRESSION', 'the counter did not move forward');
        }
      }),
    /** §7.1: parse, then steps 7–20 and 23. */
    registration: (response: unknown, world: RegistrationWorld) =>
      verdictOf(async () => {
        await checkAttestation(parseRegistrationResponse(response), {
          challenge: world.challenge,
          origins: world.origins,
          rpId: world.rpId,
          rpIdHash: world.rpIdHash,
          userPresence: true,
          userVerification: world.requireUserVerification,
          algorithms: world.algorithms,
        });
      }),
  };
}

async function bare(run: () => Promise<{ verified: boolean }>): Promise<Verdict> {
  try {
    return (await run()).verified ? { accepted: true } : { accepted: false, code: 'not verified' };
  } catch (err) {
    return { accepted: false, code: (err as Error).name ?? 'Error' };
  }
}

/**
 * The response with `=` padding dropped from its base64url members, as this server has always
 * done before handing a response to SimpleWebAuthn: some clients pad (RFC 4648 §5 allows it), and
 * SimpleWebAuthn's decoder misreads a padded clientDataJSON.
 */
function unpadded(response: unknown): unknown {
  const json = response as { response?: Record<string, unknown> };
  if (typeof json?.response !== 'object' || json.response === null) return response;
  const inner = Object.fromEntries(Object.entries(json.response).map(([k, v]) => [k, unpad(v)]));
  return {
    ...json,
    id: unpad((json as Record<string, unknown>).id),
    rawId: unpad((json as Record<string, unknown>).rawId),
    response: inner,
  };
}

/** Bare SimpleWebAuthn with the same expectations. */
export const simpleWebAuthn = {
  assertion: (response: unknown, world: AssertionWorld) =>
    bare(() =>
      verifyAuthenticationResponse({
        response: unpadded(response) as never,
        expectedChallenge: world.challenge,
        expectedOrigin: world.origins,
        expectedRPID: world.rpId,
        credential: {
          id: world.credential.id,
          publicKey: world.credential.publicKey as Uint8Array<ArrayBuffer>,
          counter: world.credential.counter,
        },
        requireUserVerification: world.requireUserVerification,
      }),
    ),
  registration: (response: unknown, world: RegistrationWorld) =>
    bare(() =>
      verifyRegistrationResponse({
        response: unpadded(response) as never,
        expectedChallenge: world.challenge,
        expectedOrigin: world.origins,
        expectedRPID: world.rpId,
        requireUserVerification: world.requireUserVerification,
        supportedAlgorithmIDs: world.algorithms,
      }),
    ),
};
