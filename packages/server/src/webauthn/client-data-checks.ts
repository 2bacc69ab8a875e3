import { originMismatch, verificationFailed } from '../errors/refusals';
import type { ClientData } from './client-data';

/**
 * The client data checks of WebAuthn L3 §7.1 (registration) and §7.2 (authentication), one
 * function per step, each failing with one error code. Step numbers are those of the Level 3
 * editor's draft.
 */

/** §7.1 step 7 / §7.2 step 10: the response is of this ceremony's type. VERIFICATION_FAILED otherwise. */
export function checkType(clientData: ClientData, expected: 'webauthn.create' | 'webauthn.get'): void {
  if (clientData.type !== expected) throw verificationFailed(`Expected a ${expected} response`);
}

/** §7.1 step 8 / §7.2 step 11: the response answers this ceremony's challenge. VERIFICATION_FAILED otherwise. */
export function checkChallenge(clientData: ClientData, expected: string): void {
  if (clientData.challenge !== expected) {
    throw verificationFailed('The response does not answer this ceremony’s challenge');
  }
}

/** §7.1 step 9 / §7.2 step 12: the origin is one of the configured ones, exactly. ORIGIN_MISMATCH otherwise. */
export function checkOrigin(clientData: ClientData, origins: readonly string[]): void {
  if (!origins.includes(clientData.origin)) throw originMismatch(clientData.origin);
}

/**
 * §7.1 step 9 / §7.2 step 12, as this server reads them: the ceremony ran in the configured
 * origin's own page, not in an iframe under another site — `crossOrigin` absent or false and no
 * `topOrigin` (L3 §5.8.1). A page framed by an attacker could otherwise drive the ceremony
 * (clickjacking), and this server configures no sites that may frame it. ORIGIN_MISMATCH otherwise.
 */
export function checkSameOrigin(clientData: ClientData): void {
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined)
    throw originMismatch(clientData.origin);
}
