import { type Http, type PasskeyJSON, revive, segment } from './http';
import type { ErrorOutcome } from './outcomes';
import { type SignalName, sendSignal } from './signals';
import type { PasskeyView, UserDetails } from './types';

/**
 * State shared by one client's calls: the transport, the app's signal settings and what the
 * last list said about the account.
 */
export interface Context {
  http: Http;
  signals?: Partial<Record<SignalName, boolean>>;
  currentUser?: (userId: string) => UserDetails | null | undefined | Promise<UserDetails | null | undefined>;
  account?: { rpId: string; userHandle: string | null };
}

/** Outcome of `list()`. `userHandle` is the WebAuthn user handle, `null` before the first passkey. */
export type ListResult =
  | { status: 'ok'; passkeys: PasskeyView[]; limit: number; rpId: string; userHandle: string | null }
  | ErrorOutcome;
/** Outcome of `rename()`. */
export type RenameResult = { status: 'ok'; passkey: PasskeyView } | ErrorOutcome;
/** Outcome of `removalImpact()`: what the app must warn about before a removal. */
export type RemovalImpactResult =
  | { status: 'ok'; remaining: number; lastPasskey: boolean; lowersSecurity: true }
  | ErrorOutcome;
/** Outcome of `remove()`. */
export type RemoveResult = { status: 'ok'; remaining: number } | ErrorOutcome;
/** Outcome of `signalCurrentUserDetails()`: `sent` is false where the browser has no such signal. */
export type SignalResult = { status: 'ok'; sent: boolean } | ErrorOutcome;

type ListJSON = { passkeys: PasskeyJSON[]; limit: number; rpId: string; userHandle: string | null };

/** `GET {base}`, then tells the browser which credentials are still accepted (L3 §5.1.10.2). */
export async function list(ctx: Context): Promise<ListResult> {
  const res = await ctx.http<ListJSON>('GET', '', undefined, { expect: ['passkeys', 'rpId', 'userHandle'] });
  if (res.status === 'error') return res;
  const { passkeys, rpId, userHandle } = res.data;
  ctx.account = { rpId, userHandle };
  if (userHandle) {
    const allAcceptedCredentialIds = passkeys.map((p) => p.id);
    await sendSignal(ctx, 'allAcceptedCredentials', { rpId, userId: userHandle, allAcceptedCredentialIds });
  }
  return { status: 'ok', ...res.data, passkeys: passkeys.map(revive) };
}

/** `PATCH {base}/:id` with the new name (the server normalises and checks it). */
export async function rename(ctx: Context, id: string, name: string): Promise<RenameResult> {
  const res = await ctx.http<{ passkey: PasskeyJSON }>(
    'PATCH',
    segment(id),
    { name },
    { expect: ['passkey'] },
  );
  return res.status === 'ok' ? { status: 'ok', passkey: revive(res.data.passkey) } : res;
}

type Impact = { remaining: number; lastPasskey: boolean; lowersSecurity: true };

/** `GET {base}/:id/removal-impact`. */
export async function removalImpact(ctx: Context, id: string): Promise<RemovalImpactResult> {
  const res = await ctx.http<Impact>('GET', `${segment(id)}/removal-impact`, undefined, {
    expect: ['remaining'],
  });
  return res.status === 'ok' ? { status: 'ok', ...res.data } : res;
}

/**
 * `DELETE {base}/:id`, then a fresh list so the browser learns the accepted credentials.
 * With no passkey left the server no longer knows the user handle, so the one from
 * before the removal tells the browser that none is accepted.
 */
export async function remove(ctx: Context, id: string, options: { confirm: true }): Promise<RemoveResult> {
  if (!ctx.account?.userHandle) await list(ctx);
  const before = ctx.account;
  const body = { confirm: options.confirm };
  const res = await ctx.http<{ remaining: number }>('DELETE', segment(id), body, { expect: ['remaining'] });
  if (res.status === 'error') return res;
  const after = await list(ctx);
  if (after.status === 'ok' && !after.userHandle && before?.userHandle && before.rpId === after.rpId) {
    const none = { rpId: after.rpId, userId: before.userHandle, allAcceptedCredentialIds: [] };
    await sendSignal(ctx, 'allAcceptedCredentials', none);
  }
  return { status: 'ok', remaining: res.data.remaining };
}

/**
 * Sends the account's current names to the browser (L3 §5.1.10.3), listing first if needed:
 * the app calls it after renaming the account. Sent whatever `signals` says, being asked for.
 */
export async function signalCurrentUserDetails(ctx: Context, details: UserDetails): Promise<SignalResult> {
  const res = ctx.account?.userHandle ? undefined : await list(ctx);
  if (res?.status === 'error') return res;
  const { rpId = '', userHandle } = ctx.account ?? {};
  const { name, displayName } = details;
  const sent =
    !!userHandle &&
    (await sendSignal({}, 'currentUserDetails', { rpId, userId: userHandle, name, displayName }));
  return { status: 'ok', sent };
}
