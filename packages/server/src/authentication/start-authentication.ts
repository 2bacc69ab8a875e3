import { PasskeyError } from '@acme/passkey-core';
import type {
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { putCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { randomBytes, toBase64Url } from '../internal/encoding';
import {
  AUTHENTICATOR_CHOICES,
  type AuthenticatorChoice,
  HINTS,
  MEDIATIONS,
  optionalEnum,
  requireObject,
  requireString,
} from '../internal/input';
import { fakeCredentials } from './fake-credentials';

/** Input of `startAuthentication`: usernameless (discoverable) by default, or for a known user. */
export interface StartAuthenticationInput {
  userId?: string;
  /** `'conditional'`: the browser's autofill (always usernameless). */
  mediation?: 'modal' | 'conditional';
  authenticator?: AuthenticatorChoice;
}

/** Builds and stores a `webauthn.get` ceremony for a sign-in or a step-up. */
export async function startAssertion(
  ctx: ServerContext,
  fields: {
    kind: 'authentication' | 'step-up';
    userId: string | null;
    allow: PublicKeyCredentialDescriptorJSON[] | null;
    challenge?: Uint8Array;
    hints: string[];
    extra?: Record<string, unknown>;
  },
): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const challenge = toBase64Url(fields.challenge ?? randomBytes(32));
  const { ceremonyId } = await putCeremony(ctx, {
    kind: fields.kind,
    challenge,
    userId: fields.userId,
    allow: fields.allow?.map((c) => c.id) ?? null,
    ...fields.extra,
  });
  const options: PublicKeyCredentialRequestOptionsJSON = {
    challenge,
    timeout: ctx.policy.challengeTtlSeconds * 1000,
    rpId: ctx.rpId,
    allowCredentials: fields.allow ?? [],
    userVerification: ctx.policy.userVerification,
    ...(fields.hints.length > 0
      ? { hints: fields.hints as PublicKeyCredentialRequestOptionsJSON['hints'] }
      : {}),
  };
  return { ceremonyId, options };
}

/** A user ID no store holds, read for unknown names so that they cost one store read too. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** Starts a sign-in. For a known user, `allowCredentials` lists their passkeys. */
export async function startAuthentication(
  ctx: ServerContext,
  input: StartAuthenticationInput = {},
  fakeFor?: string,
): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const body = requireObject(input, 'input');
  const mediation = optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
  const choice = optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
  const userId = body.userId === undefined ? null : requireString(body.userId, 'userId');
  if (mediation === 'conditional' && (userId !== null || fakeFor !== undefined)) {
    throw new PasskeyError(
      'INVALID_REQUEST',
      'Autofill (conditional) sign-in is usernameless: omit the user',
    );
  }
  let allow: PublicKeyCredentialDescriptorJSON[] | null = null;
  const label = userId !== null ? `user:${userId}` : fakeFor !== undefined ? `name:${fakeFor}` : null;
  if (label !== null) {
    // The same work whoever is asked for — one store read, one fake list — so that neither the
    // answer nor its timing tells a known name from an unknown one.
    const [passkeys, fakes] = await Promise.all([
      ctx.store.listByUser(userId ?? NO_USER),
      fakeCredentials(ctx, label),
    ]);
    allow =
      userId !== null && passkeys.length > 0
        ? passkeys.map((p) => ({
            id: p.id,
            type: 'public-key',
            transports: p.transports as AuthenticatorTransport[],
          }))
        : fakes;
  }
  return startAssertion(ctx, { kind: 'authentication', userId, allow, hints: HINTS[choice].hints });
}
