import { isVerificationFresh, PasskeyError, type RemovalImpact, removalImpact } from '@acme/passkey-core';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import { requireObject, requireString } from '../internal/input';
import { notFound, requirePasskeyId } from './passkey-id';

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

/** Options of `remove`: removal lowers the account's security, so it needs both. */
export interface RemoveOptions {
  lastVerifiedAt: Date | null;
  confirm: true;
}

/**
 * Removes one of the user's passkeys, checking in DESIGN's order: ownership (404), then the
 * user's confirmation (409 with the impact in `details`), then a fresh verification (403).
 */
export async function remove(
  ctx: ServerContext,
  userId: string,
  passkeyId: string,
  options: RemoveOptions,
): Promise<{ remaining: number }> {
  const opts = requireObject(options, 'options');
  const at = opts.lastVerifiedAt;
  if (at !== null && at !== undefined && !(at instanceof Date)) {
    throw new PasskeyError('INVALID_REQUEST', 'lastVerifiedAt must be a Date or null');
  }
  const impact = await impactOf(ctx, userId, passkeyId);
  if (opts.confirm !== true) {
    throw new PasskeyError(
      'CONFIRMATION_REQUIRED',
      'Removing a passkey may lower the security of the account',
      {
        details: { ...impact },
      },
    );
  }
  if (!isVerificationFresh(at, ctx.now(), ctx.policy)) {
    throw new PasskeyError('STEP_UP_REQUIRED', 'Complete the security verification first', {
      details: { maxAgeSeconds: ctx.policy.stepUpMaxAgeSeconds },
    });
  }
  if (!(await ctx.store.remove(userId, passkeyId))) throw notFound();
  await emit(ctx, 'passkey.removed', { userId, passkeyId });
  // The count read before the removal: a store failure after it must not report it as failed.
  return { remaining: impact.remaining };
}
