import { type Passkey, PasskeyError } from '@acme/passkey-core';
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { CeremonyRecord } from '../internal/ceremonies';
import { checkAuthData, checkClientData } from '../internal/checks';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import type { DecodedResponse } from '../internal/response-shape';

const notFound = () => new PasskeyError('CREDENTIAL_NOT_FOUND', 'This passkey is not registered here');

/** True when the counter did not move forward (WebAuthn §7.2 step 22): a possible clone. */
const regressed = (stored: number, received: number) => (received > 0 || stored > 0) && received <= stored;

/**
 * Verifies an assertion (WebAuthn §7.2) against the ceremony it answers and records its use.
 * Order: the credential (allowed, owned, known), the user handle, client data, authenticator
 * data, the signature, then the counter, which is written by compare-and-set.
 */
export async function verifyAssertion(
  ctx: ServerContext,
  decoded: DecodedResponse<AuthenticationResponseJSON>,
  ceremony: CeremonyRecord,
): Promise<Passkey> {
  const { json, clientData, authData } = decoded;
  const allow = ceremony.allow as string[] | null;
  if (allow !== null && !allow.includes(json.id)) throw notFound();
  const passkey = await ctx.store.get(json.id);
  if (passkey === null && allow !== null) {
    // A credential the ceremony named that is not stored: one of the fake IDs given for a name
    // without passkeys. Answer exactly as a real passkey with a wrong signature would, after the
    // same work, or the answer would tell which names have passkeys.
    return refuseAsForged(ctx, decoded, ceremony);
  }
  if (passkey === null || (ceremony.userId !== null && passkey.userId !== ceremony.userId)) throw notFound();

  // §7.2 step 6: the user handle, when given, must be the one stored with the credential; a
  // usernameless ceremony identifies the user by it, so there it must be given.
  const userHandle = json.response.userHandle;
  if ((userHandle ?? null) === null ? allow === null : userHandle !== passkey.userHandle) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The user handle does not match this passkey');
  }
  checkClientData(ctx, clientData, { type: 'webauthn.get', challenge: ceremony.challenge });
  const verification = ctx.policy.userVerification === 'required';
  await checkAuthData(ctx, authData, { presence: true, verification });

  try {
    const result = await verifyAuthenticationResponse({
      response: json,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: ctx.origins,
      expectedRPID: ctx.rpId,
      // The counter is judged below, with the regression policy; SimpleWebAuthn checks the rest.
      credential: { id: passkey.id, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: 0 },
      requireUserVerification: verification,
    });
    if (!result.verified) throw new Error('not verified');
  } catch (err) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The signature could not be verified', { cause: err });
  }
  return recordUse(ctx, passkey, authData.counter, authData.flags.bs);
}

async function refuseAsForged(
  ctx: ServerContext,
  { clientData, authData, json }: DecodedResponse<AuthenticationResponseJSON>,
  ceremony: CeremonyRecord,
): Promise<never> {
  const forged = () => new PasskeyError('VERIFICATION_FAILED', 'The signature could not be verified');
  // The same order as for a real passkey: a user handle could not have matched.
  if ((json.response.userHandle ?? null) !== null) throw forged();
  checkClientData(ctx, clientData, { type: 'webauthn.get', challenge: ceremony.challenge });
  await checkAuthData(ctx, authData, {
    presence: true,
    verification: ctx.policy.userVerification === 'required',
  });
  await decoyVerify();
  throw forged();
}

let decoyKey: Promise<CryptoKey> | undefined;

/** A signature check that always fails, as costly as a real one. */
async function decoyVerify(): Promise<void> {
  decoyKey ??= crypto.subtle
    .generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
    .then((pair) => (pair as CryptoKeyPair).publicKey);
  await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    await decoyKey,
    new Uint8Array(64),
    new Uint8Array(64),
  );
}

async function recordUse(
  ctx: ServerContext,
  passkey: Passkey,
  received: number,
  backedUp: boolean,
): Promise<Passkey> {
  let current = passkey;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (regressed(current.counter, received)) {
      await emit(ctx, 'passkey.counter_regression', { userId: current.userId, passkeyId: current.id });
      if (ctx.policy.counterRegression === 'reject') {
        throw new PasskeyError('COUNTER_REGRESSION', 'This passkey’s signature counter went backwards');
      }
    }
    const counter = Math.max(current.counter, received);
    const usedAt = ctx.now();
    const use = { expectedCounter: current.counter, counter, backedUp, usedAt };
    if (await ctx.store.recordUse(current.id, use))
      return { ...current, counter, backedUp, lastUsedAt: usedAt };
    // Another use landed in between: judge this one against what is stored now.
    const latest = await ctx.store.get(current.id);
    if (latest === null) throw notFound();
    current = latest;
  }
  throw new PasskeyError('STORE_UNAVAILABLE', 'The passkey is in use by too many concurrent sign-ins');
}
