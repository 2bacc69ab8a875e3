import { PasskeyError } from '@acme/passkey-core';
import { verifyAssertion } from '../authentication/verify-assertion';
import { isCeremonyId, takeCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { randomBytes, toBase64Url } from '../internal/encoding';
import { emit } from '../internal/events';
import { reportFailure } from '../internal/failures';
import { requireObject, requireString } from '../internal/input';
import { authenticationResponseOf } from '../webauthn/authentication-response';
import { disqualification, ineligible, ruleFor } from './action-rules';
import type { ReceiptSigner } from './receipts';

/** Input of `finishStepUp`. */
export interface FinishStepUpInput {
  ceremonyId: string;
  userId: string;
  /** The browser's `AuthenticationResponseJSON`. */
  response: unknown;
}

/**
 * What a verified step-up gives: the receipt, and for the app's own bookkeeping (e.g. marking a
 * session as verified by a passkey) the action and the passkey that signed.
 */
export interface StepUpResult {
  /** Compact JWS (ES256), single use: check it with `verifyReceipt`. */
  receipt: string;
  action: string;
  passkeyId: string;
}

/** Prefix of receipt IDs in the ChallengeStore; it cannot collide with a ceremony ID. */
export const RECEIPT_KEY = 'receipt:';

/** Verifies a step-up and issues a single-use receipt (compact JWS, ES256) for its action. */
export async function finishStepUp(
  ctx: ServerContext,
  signer: ReceiptSigner,
  input: FinishStepUpInput,
): Promise<StepUpResult> {
  const userId = typeof input?.userId === 'string' ? input.userId : undefined;
  return reportFailure(ctx, userId, async () => {
    const body = requireObject(input, 'input');
    if (!isCeremonyId(body.ceremonyId)) throw new PasskeyError('INVALID_REQUEST', 'ceremonyId is malformed');
    const owner = requireString(body.userId, 'userId');
    const response = authenticationResponseOf(body.response);
    await signer.ready();
    const ceremony = await takeCeremony(ctx, body.ceremonyId, 'step-up', owner);
    const { action } = ceremony;
    // The action's rule again, for the passkey actually used, on the clock and policy of now.
    const rule = ruleFor(ctx, action);
    const passkey = await verifyAssertion(ctx, response, ceremony, (candidate) => {
      const judged = disqualification(candidate, rule, ctx.now());
      if (judged !== null) throw ineligible([judged], action);
    });
    const jti = toBase64Url(randomBytes(18));
    const { receipt, exp } = await signer.sign({
      sub: owner,
      jti,
      act: action,
      dh: ceremony.dh,
      pk: passkey.id,
    });
    // Issued receipts are recorded so that the first successful verification can consume them.
    const ttlMs = (ctx.receipts.ttlSeconds + 60) * 1000;
    await ctx.challenges.put(
      RECEIPT_KEY + jti,
      { kind: 'receipt', userId: owner, expiresAt: exp * 1000 },
      { ttlMs },
    );
    await emit(ctx, 'step_up.verified', { userId: owner, passkeyId: passkey.id, action });
    return { receipt, action, passkeyId: passkey.id };
  });
}
