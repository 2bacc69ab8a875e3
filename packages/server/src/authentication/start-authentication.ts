import type { PublicKeyCredentialDescriptorJSON } from '@simplewebauthn/server';
import type { StartAuthenticationInput, StartAuthenticationResult } from '../api/types';
import { startAssertion } from '../assertion/start-assertion';
import type { ServerContext } from '../config/context';
import { AUTHENTICATOR_CHOICES, HINTS, MEDIATIONS } from '../constants';
import { invalid } from '../errors/refusals';
import { optionalEnum, requireObject, requireString, requireUsername } from '../input/validate-input';
import { fakeCredentials } from './fake-credentials';

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
  if (typeof user.id !== 'string' || user.id === '')
    throw new TypeError('findUser must return { id } or null');
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
): Promise<StartAuthenticationResult> {
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
