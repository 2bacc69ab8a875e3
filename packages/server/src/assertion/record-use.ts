import type { Passkey } from '@acme/passkey-core';
import type { ServerContext } from '../config/context';
import { counterRegression, notFound, storeUnavailable } from '../errors/refusals';
import { emit } from '../events/emit';

/** True when the counter did not move forward (WebAuthn L3 §7.2 step 20): a possible clone. */
const regressed = (stored: number, received: number) => (received > 0 || stored > 0) && received <= stored;

/**
 * Records a verified use: the counter and backup state, written by compare-and-set so that a
 * concurrent assertion cannot move a counter back. A counter that did not move forward emits
 * `passkey.counter_regression` and, under the policy `'reject'`, fails with COUNTER_REGRESSION.
 */
export async function recordUse(
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
        throw counterRegression();
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
  throw storeUnavailable('The passkey is in use by too many concurrent sign-ins');
}
