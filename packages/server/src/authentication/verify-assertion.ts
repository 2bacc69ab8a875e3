import { type Passkey, PasskeyError } from '@acme/passkey-core';
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { CeremonyRecord } from '../internal/ceremonies';
import { checkAuthData, checkClientData } from '../internal/checks';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import type { DecodedResponse } from '../internal/response-shape';
import { notFound } from '../management/passkey-id';

/** True when the counter did not move forward (WebAuthn §7.2 step 22): a possible clone. */
const regressed = (stored: number, received: number) => (received > 0 || stored > 0) && received <= stored;

/** A rule the passkey that answers must meet (a step-up's action rules), checked before its signature. */
export type PasskeyCheck = (passkey: Passkey) => void;

/**
 * Verifies an assertion (WebAuthn §7.2) against the ceremony it answers and records its use.
 * Order: the credential (allowed, owned, known) and its user handle, client data, authenticator
 * data, the signature, the passkey's own rules (sticky user verification, backup eligibility),
 * then the counter, written by compare-and-set. Every refusal that could tell a real credential
 * from a fake one (unknown name, usernameless probing) reads the same, after the same work.
 */
export async function verifyAssertion(
  ctx: ServerContext,
  decoded: DecodedResponse<AuthenticationResponseJSON>,
  ceremony: CeremonyRecord,
  check?: PasskeyCheck,
): Promise<Passkey> {
  const { json } = decoded;
  const allow = ceremony.allow as string[] | null;
  const userHandle = json.response.userHandle ?? null;
  if (allow === null) {
    // Discoverable: the user handle identifies the user (§7.2 step 6), so it must be there; and a
    // credential whose handle is not this one is answered as unknown, so that no response tells
    // a real credential ID from a made-up one. A ceremony bound to a typed username accepts only
    // that user's passkeys (none, for a name no one has).
    if (userHandle === null) throw forged();
    const passkey = await ctx.store.get(json.id);
    if (passkey === null || passkey.userHandle !== userHandle) throw notFound();
    if (ceremony.bound === true && passkey.userId !== ceremony.userId) throw notFound();
    check?.(passkey);
    return verifySignedUse(ctx, decoded, ceremony, passkey);
  }
  if (!allow.includes(json.id)) throw notFound();
  // Fake IDs were offered for a name without passkeys: whatever the store holds under such an ID
  // now (anyone may register a credential of a chosen ID), the ceremony can only fail, exactly as
  // a real passkey with a wrong signature does, after the same work.
  if (ceremony.fake === true) {
    await ctx.store.get(json.id);
    return refuseAsForged(ctx, decoded, ceremony);
  }
  const passkey = await ctx.store.get(json.id);
  if (passkey === null) return refuseAsForged(ctx, decoded, ceremony);
  if (ceremony.userId !== null && passkey.userId !== ceremony.userId) throw notFound();
  if (userHandle !== null && userHandle !== passkey.userHandle) throw forged();
  check?.(passkey);
  return verifySignedUse(ctx, decoded, ceremony, passkey);
}

/** One message for every refusal that could otherwise tell a real credential from a fake. */
const forged = (cause?: unknown) =>
  new PasskeyError(
    'VERIFICATION_FAILED',
    'The response could not be verified',
    cause === undefined ? {} : { cause },
  );

async function verifySignedUse(
  ctx: ServerContext,
  { json, clientData, authData }: DecodedResponse<AuthenticationResponseJSON>,
  ceremony: CeremonyRecord,
  passkey: Passkey,
): Promise<Passkey> {
  checkClientData(ctx, clientData, { type: 'webauthn.get', challenge: ceremony.challenge });
  const verification = ctx.policy.userVerification === 'required';
  await checkAuthData(ctx, authData, { presence: true, verification });
  await verifySignature(ctx, json, ceremony, passkey.publicKey as Uint8Array<ArrayBuffer>);
  // After the signature, so that a real credential and a fake one cost the same to refuse.
  // WebAuthn L3 §7.2 step 17: a passkey registered with user verification verifies the user on
  // every use, whatever the policy says now (a stolen unlocked key must not skip its PIN).
  if (passkey.userVerified && !authData.flags.uv) {
    throw new PasskeyError('USER_VERIFICATION_REQUIRED', 'The authenticator did not verify the user');
  }
  // §7.2 steps 18–19: backup eligibility is fixed when a credential is made; a change means this
  // is not the credential that was registered (or a broken authenticator).
  if (authData.flags.be !== (passkey.deviceType === 'multiDevice')) throw forged();
  return recordUse(ctx, passkey, authData.counter, authData.flags.bs);
}

async function verifySignature(
  ctx: ServerContext,
  json: AuthenticationResponseJSON,
  ceremony: CeremonyRecord,
  publicKey: Uint8Array<ArrayBuffer>,
): Promise<void> {
  try {
    const result = await verifyAuthenticationResponse({
      response: json,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: ctx.origins,
      expectedRPID: ctx.rpId,
      // The counter is judged after, with the regression policy; SimpleWebAuthn checks the rest.
      credential: { id: json.id, publicKey, counter: 0 },
      requireUserVerification: ctx.policy.userVerification === 'required',
    });
    if (!result.verified) throw new Error('not verified');
  } catch (err) {
    throw forged(err);
  }
}

async function refuseAsForged(
  ctx: ServerContext,
  { json, clientData, authData }: DecodedResponse<AuthenticationResponseJSON>,
  ceremony: CeremonyRecord,
): Promise<never> {
  // The same order and the same work as for a real passkey: a user handle could not have matched.
  if ((json.response.userHandle ?? null) !== null) throw forged();
  checkClientData(ctx, clientData, { type: 'webauthn.get', challenge: ceremony.challenge });
  await checkAuthData(ctx, authData, {
    presence: true,
    verification: ctx.policy.userVerification === 'required',
  });
  await verifySignature(ctx, json, ceremony, await decoyKey());
  throw forged();
}

let decoy: Promise<Uint8Array<ArrayBuffer>> | undefined;

/** A COSE P-256 public key no authenticator holds: verifying against it costs what a real check does. */
function decoyKey(): Promise<Uint8Array<ArrayBuffer>> {
  decoy ??= (async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, raw.slice(1, 33)],
      [-3, raw.slice(33, 65)],
    ]);
    return isoCBOR.encode(cose as never) as Uint8Array<ArrayBuffer>;
  })();
  return decoy;
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
