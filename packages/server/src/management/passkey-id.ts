import { PasskeyError, type RemovalImpact } from '@acme/passkey-core';
import { isBase64Url } from '../internal/encoding';

/** A passkey ID must be a base64url credential ID: anything else is a 400, not a 404. */
export function requirePasskeyId(value: unknown): string {
  if (!isBase64Url(value, 1366) || value.length === 0)
    throw new PasskeyError('INVALID_REQUEST', 'passkeyId is malformed');
  return value;
}

/** The one answer for an unknown passkey and another user's: never told apart. */
export const notFound = () => new PasskeyError('CREDENTIAL_NOT_FOUND', 'No such passkey');

/** The refusal of a removal the user has not confirmed, with what it would do in `details`. */
export const confirmationRequired = (impact: RemovalImpact) =>
  new PasskeyError('CONFIRMATION_REQUIRED', 'Removing a passkey may lower the security of the account', {
    details: { ...impact },
  });
