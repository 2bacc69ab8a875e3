import { AuthenticatorError } from './errors';

const AAGUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The all-zero AAGUID, used by authenticators that do not identify their model (and by U2F). */
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** Parses the string form `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` into the 16 bytes of authData. */
export function aaguidToBytes(aaguid: string): Uint8Array {
  if (!AAGUID_PATTERN.test(aaguid)) {
    throw new AuthenticatorError('ConstraintError', `AAGUID must look like ${ZERO_AAGUID}, got "${aaguid}"`);
  }
  return new Uint8Array(Buffer.from(aaguid.replaceAll('-', ''), 'hex'));
}

/** Whether the AAGUID is 16 zero bytes. */
export function isZeroAaguid(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}
