import { type PasskeyView, toPasskeyView } from '@acme/passkey-core';
import type { FinishAuthenticationInput } from '../api/types';
import { verifyAssertion } from '../assertion/verify-assertion';
import { isCeremonyId, takeCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { invalid } from '../errors/refusals';
import { reportFailure } from '../errors/report-failure';
import { emit } from '../events/emit';
import { requireObject } from '../input/validate-input';
import { authenticationResponseOf } from '../webauthn/authentication-response';

/** Verifies a sign-in; the user is the owner of the stored credential. */
export async function finishAuthentication(
  ctx: ServerContext,
  input: FinishAuthenticationInput,
): Promise<{ userId: string; passkey: PasskeyView }> {
  return reportFailure(ctx, undefined, async () => {
    const body = requireObject(input, 'input');
    if (!isCeremonyId(body.ceremonyId)) invalid('ceremonyId is malformed');
    // Parsed once (or handed on already parsed by the HTTP handler's shape check): 400 before the
    // ceremony is spent.
    const response = authenticationResponseOf(body.response);
    const ceremony = await takeCeremony(ctx, body.ceremonyId, 'authentication');
    const passkey = await verifyAssertion(ctx, response, ceremony);
    await emit(ctx, 'passkey.authenticated', { userId: passkey.userId, passkeyId: passkey.id });
    return { userId: passkey.userId, passkey: toPasskeyView(passkey) };
  });
}
