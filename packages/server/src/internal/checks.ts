import { PasskeyError } from '@acme/passkey-core';
import type { ParsedAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { ServerContext } from './context';
import { bytesEqual, sha256 } from './encoding';
import type { ClientData } from './response-shape';

/**
 * The client data checks of WebAuthn §7.1 steps 7–9 / §7.2 steps 11–13, in the spec's
 * order, each failure with its own code: type, then challenge (VERIFICATION_FAILED),
 * then origin (ORIGIN_MISMATCH; a cross-origin iframe is refused too).
 */
export function checkClientData(
  ctx: ServerContext,
  clientData: ClientData,
  expected: { type: 'webauthn.create' | 'webauthn.get'; challenge: string },
): void {
  if (clientData.type !== expected.type) {
    throw new PasskeyError('VERIFICATION_FAILED', `Expected a ${expected.type} response`);
  }
  if (clientData.challenge !== expected.challenge) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The response does not answer this ceremony’s challenge');
  }
  if (!ctx.origins.includes(clientData.origin) || clientData.crossOrigin === true) {
    throw new PasskeyError(
      'ORIGIN_MISMATCH',
      'The response comes from an origin this server does not accept',
      {
        details: { origin: clientData.origin },
      },
    );
  }
}

/**
 * The authenticator data checks of §7.1 steps 13–15 / §7.2 steps 15–17: the RP ID hash
 * (RP_ID_MISMATCH), then user presence and verification (USER_VERIFICATION_REQUIRED).
 */
export async function checkAuthData(
  ctx: ServerContext,
  authData: ParsedAuthenticatorData,
  required: { presence: boolean; verification: boolean },
): Promise<void> {
  if (!bytesEqual(authData.rpIdHash, await sha256(ctx.rpId))) {
    throw new PasskeyError('RP_ID_MISMATCH', 'The response was made for another relying party');
  }
  if ((required.presence && !authData.flags.up) || (required.verification && !authData.flags.uv)) {
    throw new PasskeyError('USER_VERIFICATION_REQUIRED', 'The authenticator did not verify the user');
  }
}
