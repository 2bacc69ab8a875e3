import { PasskeyError, type PasskeyView, toPasskeyView } from '@acme/passkey-core';
import { isCeremonyId, takeCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import { reportFailure } from '../internal/failures';
import { requireObject } from '../internal/input';
import { authenticationResponseOf } from '../webauthn/authentication-response';
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
    // Parsed once (or handed on already parsed by the HTTP handler's shape check): 400 before the
    // ceremony is spent.
    const response = authenticationResponseOf(body.response);
    const ceremony = await takeCeremony(ctx, body.ceremonyId, 'authentication');
    const passkey = await verifyAssertion(ctx, response, ceremony);
    await emit(ctx, 'passkey.authenticated', { userId: passkey.userId, passkeyId: passkey.id });
    return { userId: passkey.userId, passkey: toPasskeyView(passkey) };
  });
}
