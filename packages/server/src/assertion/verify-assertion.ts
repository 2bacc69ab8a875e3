import type { Passkey } from '@acme/passkey-core';
import type { AuthenticationCeremony, StepUpCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { fromBase64Url } from '../encoding';
import { notFound, verificationFailed } from '../errors/refusals';
import type { AuthenticationResponse } from '../webauthn/authentication-response';
import { checkAssertion, checkPasskeyRules } from '../webauthn/check-assertion';
import { recordUse } from './record-use';

/** A rule the passkey that answers must meet (a step-up's action rules), checked before its signature. */
export type PasskeyCheck = (passkey: Passkey) => void;

/** One message for every refusal that could otherwise tell a real credential from a fake. */
const forged = (cause?: unknown) => verificationFailed(undefined, cause);

/**
 * Verifies a parsed assertion (WebAuthn §7.2) against the ceremony it answers and records its use.
 * Order: the credential (allowed, owned, known) and its user handle (steps 5–6), client data,
 * authenticator data and the signature (steps 10–19), the passkey's own rules (sticky user
 * verification, backup eligibility), then the counter, written by compare-and-set. Every refusal
 * that could tell a real credential from a fake one (unknown name, usernameless probing) reads the
 * same, after the same work.
 */
export async function verifyAssertion(
  ctx: ServerContext,
  response: AuthenticationResponse,
  ceremony: AuthenticationCeremony | StepUpCeremony,
  check?: PasskeyCheck,
): Promise<Passkey> {
  const { id, userHandle } = response;
  if (ceremony.allow === null) {
    // Discoverable: the user handle identifies the user (§7.2 step 6), so it must be there; and a
    // credential whose handle is not this one is answered as unknown, so that no response tells
    // a real credential ID from a made-up one. A ceremony bound to a typed username accepts only
    // that user's passkeys (none, for a name no one has).
    if (userHandle === null) throw forged();
    const passkey = await ctx.store.get(id);
    if (passkey === null || passkey.userHandle !== userHandle) throw notFound();
    if (ceremony.kind === 'authentication' && ceremony.bound === true && passkey.userId !== ceremony.userId) {
      throw notFound();
    }
    check?.(passkey);
    return verifySignedUse(ctx, response, ceremony, passkey);
  }
  if (!ceremony.allow.includes(id)) throw notFound();
  // Fake IDs were offered for a name without passkeys: whatever the store holds under such an ID
  // now (anyone may register a credential of a chosen ID), the ceremony can only fail, exactly as
  // a real passkey with a wrong signature does, after the same work.
  if (ceremony.kind === 'authentication' && ceremony.fake === true) {
    await ctx.store.get(id);
    return refuseAsForged(ctx, response, ceremony);
  }
  const passkey = await ctx.store.get(id);
  if (passkey === null) return refuseAsForged(ctx, response, ceremony);
  // Named ceremonies are always for a user (a name without passkeys got fake IDs, handled above).
  if (passkey.userId !== ceremony.userId) throw notFound();
  if (userHandle !== null && userHandle !== passkey.userHandle) throw forged();
  check?.(passkey);
  return verifySignedUse(ctx, response, ceremony, passkey);
}

/** §7.2 steps 10–19 for this ceremony and key; any refusal of the signature reads as forged. */
async function checkSigned(
  ctx: ServerContext,
  response: AuthenticationResponse,
  ceremony: AuthenticationCeremony | StepUpCeremony,
  credential: { id: string; publicKey: Uint8Array },
): Promise<void> {
  await checkAssertion(ctx.verifier, response, {
    challenge: ceremony.challenge,
    origins: ctx.origins,
    rpIdHash: await ctx.rpIdHash,
    userVerification: ctx.policy.userVerification === 'required',
    credential,
  });
}

async function verifySignedUse(
  ctx: ServerContext,
  response: AuthenticationResponse,
  ceremony: AuthenticationCeremony | StepUpCeremony,
  passkey: Passkey,
): Promise<Passkey> {
  await checkSigned(ctx, response, ceremony, passkey);
  checkPasskeyRules(response.authData, {
    userVerified: passkey.userVerified,
    backupEligible: passkey.deviceType === 'multiDevice',
  });
  return recordUse(ctx, passkey, response.authData.counter, response.authData.flags.bs);
}

async function refuseAsForged(
  ctx: ServerContext,
  response: AuthenticationResponse,
  ceremony: AuthenticationCeremony | StepUpCeremony,
): Promise<never> {
  // The same order and the same work as for a real passkey: a user handle could not have matched.
  // The decoy key is cached under this credential ID, as a real one would be on its first use.
  if (response.userHandle !== null) throw forged();
  await checkSigned(ctx, response, ceremony, { id: response.id, publicKey: DECOY_KEY });
  throw forged();
}

/**
 * The key an unknown credential's signature is checked against, for the time a real check takes:
 * a P-256 COSE key (kty 2, alg -7, crv 1, x, y) whose private key was thrown away when it was made.
 * Whoever held it would gain nothing: a check against it is always followed by a refusal.
 */
const DECOY_KEY = fromBase64Url(
  'pQECAyYgASFYIBEjkEKin3YwDJKmlNbREq1vulzcvqvCejU9SR_n8Y5zIlggNRjGFwF5BQ4mSncGcgL3A_9ZCtJW8CA-ntecditd9HA',
);
