import { PasskeyError } from '@acme/passkey-core';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { startAssertion } from '../authentication/start-authentication';
import type { ServerContext } from '../internal/context';
import { concatBytes, randomBytes, toBase64Url } from '../internal/encoding';
import { requireObject, requireString } from '../internal/input';
import { actionDigest } from './action-digest';
import { disqualification, ineligible, ruleFor } from './action-rules';

/** Input of `startStepUp`. */
export interface StartStepUpInput {
  userId: string;
  /** e.g. `'p2p.release'`. */
  action: string;
  /** e.g. `{ orderId, amount, asset }`: plain JSON, amounts as strings, numbers safe integers. */
  details: Record<string, unknown>;
}

/**
 * Starts a step-up bound to one action: the challenge is 16 random bytes followed by the
 * SHA-256 of the canonical `{ action, details }`, so the authenticator's signature itself
 * covers the transaction. Only the user's own passkeys that meet the action's rule
 * (`policy.actions`) may answer.
 */
export async function startStepUp(
  ctx: ServerContext,
  input: StartStepUpInput,
): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const body = requireObject(input, 'input');
  const userId = requireString(body.userId, 'userId');
  const digest = await actionDigest({ action: body.action, details: body.details });
  const action = body.action as string;
  const passkeys = await ctx.store.listByUser(userId);
  if (passkeys.length === 0)
    throw new PasskeyError('CREDENTIAL_NOT_FOUND', 'This account has no passkey to verify with');
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
