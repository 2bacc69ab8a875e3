import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { begin } from './ceremony';
import type { Context } from './manage';
import type { StepUpResult } from './outcomes';
import { type PrfInput, prfExtension } from './prf';

/** Options of `stepUp()`. */
export interface StepUpOptions {
  /** What is confirmed, e.g. `'p2p.release'`. */
  action: string;
  /** Its details, hashed as JSON into the challenge: send amounts as strings. */
  details: Record<string, unknown>;
  /** PRF salts to evaluate with the same touch: the outputs come back as `prf`, never to the server. */
  prf?: PrfInput;
  signal?: AbortSignal;
}

/**
 * Step-up: the signed-in user confirms one sensitive action with a passkey. The server binds
 * the challenge to `{ action, details }` and answers a single-use receipt that the app's own
 * endpoint checks (`verifyReceipt`).
 */
export async function stepUp(ctx: Context, options: StepUpOptions): Promise<StepUpResult> {
  const answered = await begin(ctx, {
    route: '/step-up',
    body: { action: options.action, details: options.details },
    kind: 'get',
    extensions: (o: PublicKeyCredentialRequestOptionsJSON) => prfExtension(options.prf, o.allowCredentials),
    signal: options.signal,
  });
  if (answered.status !== 'ok') return answered;
  const { ceremonyId, response, prf } = answered;
  const done = await ctx.http<{ receipt: string }>(
    'POST',
    '/step-up/verify',
    { ceremonyId, response },
    { expect: ['receipt'] },
  );
  if (done.status === 'error') return done;
  return { status: 'verified', receipt: done.data.receipt, ...(prf && { prf }) };
}
