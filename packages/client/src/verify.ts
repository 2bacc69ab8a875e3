import { begin } from './ceremony';
import type { Context } from './manage';
import type { VerifyResult } from './outcomes';

/**
 * Step-up: the signed-in user confirms one sensitive action with a passkey. The server binds
 * the challenge to `{ action, details }` and answers a single-use receipt that the app's own
 * endpoint checks (`verifyReceipt`). Send amounts as strings: `details` is hashed as JSON.
 */
export async function verify(
  ctx: Context,
  options: { action: string; details: Record<string, unknown>; signal?: AbortSignal },
): Promise<VerifyResult> {
  const answered = await begin(ctx, {
    route: '/step-up',
    body: { action: options.action, details: options.details },
    kind: 'get',
    signal: options.signal,
  });
  if (answered.status !== 'ok') return answered;
  const { ceremonyId, response } = answered;
  const done = await ctx.http<{ receipt: string }>(
    'POST',
    '/step-up/verify',
    { ceremonyId, response },
    { expect: ['receipt'] },
  );
  return done.status === 'ok' ? { status: 'verified', receipt: done.data.receipt } : done;
}
