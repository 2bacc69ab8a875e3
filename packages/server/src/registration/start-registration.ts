import { acceptedVerificationMethods, requireAccountVerification } from '@acme/passkey-core';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { StartRegistrationInput } from '../api/types';
import { putCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { AUTHENTICATOR_CHOICES, HINTS, MEDIATIONS, SUPPORTED_ALGORITHMS } from '../constants';
import { hmacSha256, randomBytes, toBase64Url } from '../encoding';
import { limitReached } from '../errors/refusals';
import { emit } from '../events/emit';
import {
  optionalDate,
  optionalEnum,
  requireObject,
  requireString,
  verificationMethod,
} from '../input/validate-input';

/**
 * Starts adding a passkey: only right after a security verification and below the limit, both
 * checked before any ceremony starts. `excludeCredentials` lists the user's passkeys.
 */
export async function startRegistration(
  ctx: ServerContext,
  input: StartRegistrationInput,
): Promise<{ ceremonyId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const body = requireObject(input, 'input');
  const user = requireObject(body.user, 'user');
  const userId = requireString(user.id, 'user.id');
  const name = requireString(user.name, 'user.name');
  const displayName = typeof user.displayName === 'string' ? user.displayName.slice(0, 256) : name;
  const choice = optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
  const mediation = optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
  const lastVerifiedAt = optionalDate(body.lastVerifiedAt, 'lastVerifiedAt');
  const lastVerifiedWith = verificationMethod(body.lastVerifiedWith);

  // Adding a passkey adds a way into the account: only right after a security verification, and
  // once the account has a passkey, a strong one — a stolen password must not enrol the thief's.
  const existing = await ctx.store.listByUser(userId);
  requireAccountVerification(
    { lastVerifiedAt, lastVerifiedWith },
    existing.length > 0,
    ctx.now(),
    ctx.policy,
  );
  if (existing.length >= ctx.policy.maxPasskeysPerUser) {
    await emit(ctx, 'passkey.limit_reached', { userId });
    throw limitReached(ctx.policy);
  }

  // The user handle is per user and never the app's user ID (it may be personal data). The first
  // one is HMAC(secret, user ID): 32 bytes no one can derive without the secret, and the same in
  // concurrent first registrations on any instance, so a user never ends with two handles.
  const userHandle =
    existing[0]?.userHandle ?? toBase64Url(await hmacSha256(ctx.secret, `user-handle:${userId}`));
  const challenge = toBase64Url(randomBytes(32));
  const { hints, attachment } = HINTS[choice];
  const residentKey = ctx.policy.userVerification === 'preferred' ? 'preferred' : 'required';
  const { ceremonyId } = await putCeremony(ctx, {
    kind: 'registration',
    challenge,
    userId,
    userHandle,
    conditional: mediation === 'conditional',
    // Whether this verification could add a passkey to an account that already has one: checked
    // again at the finish, in case the owner's first passkey landed in between.
    strong: acceptedVerificationMethods(true, ctx.policy).includes(lastVerifiedWith),
    // The user's choice names the passkey when nothing more telling is known of it.
    authenticator: choice,
  });
  const options: PublicKeyCredentialCreationOptionsJSON = {
    rp: { id: ctx.rpId, name: ctx.rpName },
    user: { id: userHandle, name, displayName },
    challenge,
    pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
    timeout: ctx.policy.challengeTtlSeconds * 1000,
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      type: 'public-key',
      transports: p.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: {
      residentKey,
      requireResidentKey: residentKey === 'required',
      userVerification: ctx.policy.userVerification,
      ...(attachment ? { authenticatorAttachment: attachment } : {}),
    },
    attestation: ctx.policy.attestation,
    extensions: { credProps: true },
    ...(hints.length > 0 ? { hints: hints as PublicKeyCredentialCreationOptionsJSON['hints'] } : {}),
  };
  return { ceremonyId, options };
}
