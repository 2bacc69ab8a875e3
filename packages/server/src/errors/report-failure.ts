import { isPasskeyError } from '@acme/passkey-core';
import type { ServerContext } from '../config/context';
import { emit } from '../events/emit';

/**
 * Runs a ceremony's finish and reports a refusal as a `ceremony.failed` event (with its
 * code) before rethrowing: the audit trail sees attacks as well as successes.
 */
export async function reportFailure<T>(
  ctx: ServerContext,
  userId: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isPasskeyError(err)) await emit(ctx, 'ceremony.failed', { userId, code: err.code });
    throw err;
  }
}
