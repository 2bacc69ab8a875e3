import { PasskeyError } from '@acme/passkey-core';

/**
 * Refuses a record's field: `INVALID_REQUEST` with `details.field`, so that a caller (and the
 * import report) can say which value to fix. The importer adds the line number.
 */
export function invalidField(field: string, message: string, cause?: unknown): never {
  throw new PasskeyError('INVALID_REQUEST', `${field}: ${message}`, {
    details: { field },
    ...(cause === undefined ? {} : { cause }),
  });
}
