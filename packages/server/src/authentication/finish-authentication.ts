import { PasskeyError, type PasskeyView, toPasskeyView } from '@acme/passkey-core';
import { isCeremonyId, takeCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import { reportFailure } from '../internal/failures';
import { requireObject } from '../internal/input';
import { decodeAuthenticationResponse } from '../internal/response-shape';
import { verifyAssertion } from './verify-assertion';

/** Input of `finishAuthentication`. */
export interface FinishAuthenticationInput {
  ceremonyId: string;
  /** The browser's `AuthenticationResponseJSON`. */
  response: unknown;
}

/** Verifies a sign-in; the user is the owner of the stored credential. */
export async function finishAuthentication(
  ctx: ServerContext,
  input: FinishAuthenticationInput,
): Promise<{ userId: string; passkey: PasskeyView }> {
  return reportFailure(ctx, undefined, async () => {
    const body = requireObject(input, 'input');
    if (!isCeremonyId(body.ceremonyId)) throw new PasskeyError('INVALID_REQUEST', 'ceremonyId is malformed');
    const decoded = decodeAuthenticationResponse(body.response);
    const ceremony = await takeCeremony(ctx, body.ceremonyId, 'authentication');
    const passkey = await verifyAssertion(ctx, decoded, ceremony);
    await emit(ctx, 'passkey.authenticated', { userId: passkey.userId, passkeyId: passkey.id });
    return { userId: passkey.userId, passkey: toPasskeyView(passkey) };
  });
}
