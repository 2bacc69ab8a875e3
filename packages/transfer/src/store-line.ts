import { isPasskeyError, type Passkey, PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { sameBytes } from './bytes';
import type { ImportIssue } from './report';

/** What storing one validated line came to. */
export type LineOutcome = 'created' | 'present' | ImportIssue;

/** The same credential: owner, user handle and key (the counter may have moved on since). */
const samePasskey = (a: Passkey, b: Passkey) =>
  a.userId === b.userId &&
  a.userHandle === b.userHandle &&
  a.algorithm === b.algorithm &&
  sameBytes(a.publicKey, b.publicKey);

/**
 * Stores one passkey with `create` (atomic under the limit), and tells a re-run (`present`: the
 * same credential is stored) from a conflict (the ID is stored with another owner or key).
 * @throws PasskeyError STORE_UNAVAILABLE with `details.line` when the store fails.
 */
export async function storeLine(
  store: PasskeyStore,
  passkey: Passkey,
  line: number,
  maxPerUser: number,
): Promise<LineOutcome> {
  const outcome = await store.create(passkey, { maxPerUser }).catch((err: unknown) => failed(err, line));
  if (outcome === 'created') return 'created';
  if (outcome === 'limit') {
    const message = `The user already has ${maxPerUser} passkeys`;
    return { line, outcome, id: passkey.id, userId: passkey.userId, message };
  }
  const stored = await store.get(passkey.id).catch((err: unknown) => failed(err, line));
  if (stored !== null && samePasskey(stored, passkey)) return 'present';
  const message = 'This credential ID is stored with another owner, user handle or key';
  return { line, outcome: 'conflict', id: passkey.id, message };
}

function failed(err: unknown, line: number): never {
  const code = isPasskeyError(err, 'INVALID_REQUEST') ? 'INVALID_REQUEST' : 'STORE_UNAVAILABLE';
  throw new PasskeyError(code, `The store failed at line ${line}`, { details: { line }, cause: err });
}
