import type { FinishStepUpInput, StepUpVerified } from '../api/types';
import { verifyAssertion } from '../assertion/verify-assertion';
import { isCeremonyId, takeCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { randomBytes, toBase64Url } from '../encoding';
import { invalid } from '../errors/refusals';
import { reportFailure } from '../errors/report-failure';
import { emit } from '../events/emit';
import { requireObject, requireString } from '../input/validate-input';
import { authenticationResponseOf } from '../webauthn/authentication-response';
import { disqualification, ineligible, ruleFor } from './action-rules';
import type { ReceiptSigner } from './receipts';

/** Prefix of receipt IDs in the ChallengeStore; it cannot collide with a ceremony ID. */
export const RECEIPT_KEY = 'receipt:';

/** Verifies a step-up and issues a single-use receipt (compact JWS, ES256) for its action. */
export async function finishStepUp(
  ctx: ServerContext,
  signer: ReceiptSigner,
  input: FinishStepUpInput,
): Promise<StepUpVerified> {
  const userId = typeof input?.userId === 'string' ? input.userId : undefined;
  return reportFailure(ctx, userId, async () => {
    const body = requireObject(input, 'input');
    if (!isCeremonyId(body.ceremonyId)) invalid('ceremonyId is malformed');
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
