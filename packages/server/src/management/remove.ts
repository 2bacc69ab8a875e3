import {
  type RemovalImpact,
  removalImpact,
  requireAccountVerification,
  toPasskeyView,
} from '@acme/passkey-core';
import type { RemoveOptions } from '../api/types';
import type { ServerContext } from '../config/context';
import { confirmationRequired, invalid, notFound } from '../errors/refusals';
import { emit } from '../events/emit';
import {
  optionalDate,
  requireObject,
  requirePasskeyId,
  requireString,
  verificationMethod,
} from '../input/validate-input';

/** What removing one of the user's passkeys would do (shown with the warning). */
export async function impactOf(
  ctx: ServerContext,
  userId: string,
  passkeyId: string,
): Promise<RemovalImpact> {
  const owner = requireString(userId, 'userId');
  const id = requirePasskeyId(passkeyId);
  return removalImpact(await ctx.store.listByUser(owner), id);
}

/**
 * Removes one of the user's passkeys, checking in the protocol's order: ownership (404), then
 * the user's confirmation (409 with the impact in `details`), then a fresh, strong verification
 * (403) unless this is the app's recovery path, which the event then says.
 */
export async function remove(
  ctx: ServerContext,
  userId: string,
  passkeyId: string,
  options: RemoveOptions,
): Promise<{ remaining: number }> {
  const opts = requireObject(options, 'options');
  const recovery = opts.recovery === true;
  if (opts.recovery !== undefined && !recovery) invalid('recovery must be true or absent');
  // Read (and refused when malformed) before anything else; not read at all on the recovery path.
  const verified = recovery
    ? null
    : {
        lastVerifiedAt: optionalDate(opts.lastVerifiedAt, 'lastVerifiedAt'),
        lastVerifiedWith: verificationMethod(opts.lastVerifiedWith),
      };
  const owner = requireString(userId, 'userId');
  const id = requirePasskeyId(passkeyId);
  const passkeys = await ctx.store.listByUser(owner);
  const impact = removalImpact(passkeys, id);
  if (opts.confirm !== true) throw confirmationRequired(impact);
  if (verified !== null) requireAccountVerification(verified, true, ctx.now(), ctx.policy);
  if (!(await ctx.store.remove(owner, id))) throw notFound();
  const removed = passkeys.find((p) => p.id === id);
  await emit(ctx, 'passkey.removed', {
    userId: owner,
    passkeyId: id,
    ...(removed ? { passkey: toPasskeyView(removed) } : {}),
    ...(recovery ? { recovery: true as const } : {}),
  });
  // The count read before the removal: a store failure after it must not report it as failed.
  return { remaining: impact.remaining };
}
