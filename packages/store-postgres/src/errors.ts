import { isPasskeyError, PasskeyError } from '@acme/passkey-core';

/** PostgreSQL's SQLSTATE for a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** True for a driver error (node-postgres or PGlite) reporting a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * Runs one store operation; any failure of the engine (lost connection, timeout, a rejected
 * statement) becomes `STORE_UNAVAILABLE` with the driver's error as `cause`. The operation
 * runs as one statement or one transaction, so a failure never leaves a partial write.
 */
export async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isPasskeyError(err)) throw err;
    throw new PasskeyError('STORE_UNAVAILABLE', `PostgreSQL store: ${operation} failed`, { cause: err });
  }
}
