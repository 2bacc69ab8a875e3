import { isPasskeyError, PasskeyError } from '@acme/passkey-core';

/** MySQL's error number for a duplicate key (`ER_DUP_ENTRY`), the same on MariaDB and TiDB. */
const ER_DUP_ENTRY = 1062;

/** True for a driver error reporting a duplicate primary or unique key. */
export function isDuplicateEntry(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { errno, code } = err as { errno?: unknown; code?: unknown };
  return errno === ER_DUP_ENTRY || code === 'ER_DUP_ENTRY';
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
    throw new PasskeyError('STORE_UNAVAILABLE', `MySQL store: ${operation} failed`, { cause: err });
  }
}
