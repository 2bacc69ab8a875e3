import type {
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { type AuthenticationCeremony, putCeremony, type StepUpCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { randomBytes, toBase64Url } from '../internal/encoding';
import {
  AUTHENTICATOR_CHOICES,
  type AuthenticatorChoice,
  HINTS,
  invalid,
  MEDIATIONS,
  optionalEnum,
  requireObject,
  requireString,
  requireUsername,
} from '../internal/input';
import { fakeCredentials } from './fake-credentials';

/**
 * Input of `startAuthentication`: usernameless (discoverable) by default, for a user the app
 * already knows (`userId`), or for a name typed on the sign-in page (`username`, resolved by the
 * server's `findUser`).
 */
export interface StartAuthenticationInput {
  userId?: string;
  username?: string;
  /** `'conditional'`: the browser's autofill (always usernameless). */
  mediation?: 'modal' | 'conditional';
  authenticator?: AuthenticatorChoice;
}

type Descriptor = PublicKeyCredentialDescriptorJSON;

/** What a `webauthn.get` ceremony records, by kind: a sign-in or a step-up. */
type AssertionFields =
  | {
      kind: 'authentication';
      userId: string | null;
      allow: Descriptor[] | null;
      extra?: Pick<AuthenticationCeremony, 'bound' | 'fake'>;
    }
  | { kind: 'step-up'; userId: string; allow: Descriptor[]; extra: Pick<StepUpCeremony, 'action' | 'dh'> };

/** Builds and stores a `webauthn.get` ceremony for a sign-in or a step-up. */
export async function startAssertion(
  ctx: ServerContext,
  fields: AssertionFields & { challenge?: Uint8Array; hints: string[] },
): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const challenge = toBase64Url(fields.challenge ?? randomBytes(32));
  const allow = fields.allow?.map((c) => c.id) ?? null;
  const record =
    fields.kind === 'step-up'
      ? { kind: fields.kind, challenge, userId: fields.userId, allow: allow as string[], ...fields.extra }
      : { kind: fields.kind, challenge, userId: fields.userId, allow, ...fields.extra };
  const { ceremonyId } = await putCeremony(ctx, record);
  // A discoverable ceremony carries no allowCredentials at all: one shape, whoever it is for.
  const options: PublicKeyCredentialRequestOptionsJSON = {
    challenge,
    timeout: ctx.policy.challengeTtlSeconds * 1000,
    rpId: ctx.rpId,
    ...(fields.allow === null ? {} : { allowCredentials: fields.allow }),
    userVerification: ctx.policy.userVerification,
    ...(fields.hints.length > 0
      ? { hints: fields.hints as PublicKeyCredentialRequestOptionsJSON['hints'] }
      : {}),
  };
  return { ceremonyId, options };
}

/** A user ID no store holds, read for unknown names so that they cost one store read too. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** The user's credentials, or deterministic fake ones when they have none: the same work either way. */
async function allowList(
  ctx: ServerContext,
  userId: string | null,
  label: string,
): Promise<{ allow: PublicKeyCredentialDescriptorJSON[]; fake: boolean }> {
  const [passkeys, fakes] = await Promise.all([
    ctx.store.listByUser(userId ?? NO_USER),
    fakeCredentials(ctx, label),
  ]);
  if (userId === null || passkeys.length === 0) return { allow: fakes, fake: true };
  const allow = passkeys.map((p) => ({
    id: p.id,
    type: 'public-key' as const,
    transports: p.transports as AuthenticatorTransport[],
  }));
  return { allow, fake: false };
}

/** Resolves a typed username through the app's `findUser`; null when no one has it. */
async function resolveUser(ctx: ServerContext, username: string): Promise<string | null> {
  if (ctx.findUser === undefined) {
    invalid('This server does not sign in by username: configure findUser');
  }
  const user = await ctx.findUser(username);
  if (user === null || user === undefined) return null;
  // A malformed answer is the app's bug: an internal error, never an answer that differs by name.
  if (typeof user.id !== 'string' || user.id === '') throw new Error('findUser must return { id } or null');
  return user.id;
}

/**
 * Starts a sign-in. Usernameless by default; for a known `userId`, `allowCredentials` lists their
 * passkeys. For a typed `username`, with `policy.usernameSignIn` `'discoverable'` the options are
 * exactly those of a usernameless sign-in and the ceremony is bound to the name's user (or to no
 * one); with `'allow-credentials'` they list the user's credential IDs, or fake ones for a name
 * without passkeys, and a ceremony on fake IDs can only fail.
 */
export async function startAuthentication(
  ctx: ServerContext,
  input: StartAuthenticationInput = {},
): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const body = requireObject(input, 'input');
  const mediation = optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
  const choice = optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
  const userId = body.userId === undefined ? null : requireString(body.userId, 'userId');
  const typed = body.username === undefined ? null : requireUsername(body.username);
  if (userId !== null && typed !== null) invalid('Give userId or username, not both');
  if (mediation === 'conditional' && (userId !== null || typed !== null)) {
    invalid('Autofill (conditional) sign-in is usernameless: omit the user');
  }
  const hints = HINTS[choice].hints;
  const kind = 'authentication';
  if (typed !== null) {
    const username = ctx.normalizeUsername(typed);
    const owner = await resolveUser(ctx, username);
    if (ctx.policy.usernameSignIn === 'discoverable') {
      return startAssertion(ctx, { kind, userId: owner, allow: null, hints, extra: { bound: true } });
    }
    const { allow, fake } = await allowList(ctx, owner, `name:${username}`);
    return startAssertion(ctx, { kind, userId: owner, allow, hints, extra: fake ? { fake: true } : {} });
  }
  if (userId === null) return startAssertion(ctx, { kind, userId: null, allow: null, hints });
  const { allow, fake } = await allowList(ctx, userId, `user:${userId}`);
  return startAssertion(ctx, { kind, userId, allow, hints, extra: fake ? { fake: true } : {} });
}
