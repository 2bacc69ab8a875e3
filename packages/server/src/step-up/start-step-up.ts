import type { StartAuthenticationResult, StartStepUpInput } from '../api/types';
import { startAssertion } from '../assertion/start-assertion';
import type { ServerContext } from '../config/context';
import { concatBytes, randomBytes, toBase64Url } from '../encoding';
import { notFound } from '../errors/refusals';
import { requireObject, requireString } from '../input/validate-input';
import { actionDigest } from './action-digest';
import { disqualification, ineligible, ruleFor } from './action-rules';

/**
 * Starts a step-up bound to one action: the challenge is 16 random bytes followed by the
 * SHA-256 of the canonical `{ action, details }`, so the authenticator's signature itself
 * covers the transaction. Only the user's own passkeys that meet the action's rule
 * (`policy.actions`) may answer.
 */
export async function startStepUp(
  ctx: ServerContext,
  input: StartStepUpInput,
): Promise<StartAuthenticationResult> {
  const body = requireObject(input, 'input');
  const userId = requireString(body.userId, 'userId');
  const digest = await actionDigest({ action: body.action, details: body.details });
  const action = body.action as string;
  const passkeys = await ctx.store.listByUser(userId);
  if (passkeys.length === 0) throw notFound();
  const rule = ruleFor(ctx, action);
  const now = ctx.now();
  const judged = passkeys.map((p) => disqualification(p, rule, now));
  const eligible = passkeys.filter((_, i) => judged[i] === null);
  if (eligible.length === 0) throw ineligible(judged, action);
  const allow = eligible.map((p) => ({
    id: p.id,
    type: 'public-key' as const,
    transports: p.transports as AuthenticatorTransport[],
  }));
  return startAssertion(ctx, {
    kind: 'step-up',
    userId,
    allow,
    challenge: concatBytes(randomBytes(16), digest),
    hints: [],
    extra: { action, dh: toBase64Url(digest) },
  });
}
