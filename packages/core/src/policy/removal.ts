import { PasskeyError } from '../errors';

/** What removing a passkey does to the account (shown with the warning before removal). */
export interface RemovalImpact {
  /** Passkeys left after the removal. */
  remaining: number;
  /** True when this is the account's last passkey. */
  lastPasskey: boolean;
  /** Removing a passkey always lowers the account's security. */
  lowersSecurity: true;
}

/**
 * The impact of removing `id` from a user's passkeys.
 * @throws PasskeyError CREDENTIAL_NOT_FOUND when `id` is not among them.
 */
export function removalImpact(passkeys: ReadonlyArray<{ id: string }>, id: string): RemovalImpact {
  if (!passkeys.some((p) => p.id === id)) {
    throw new PasskeyError('CREDENTIAL_NOT_FOUND', 'No such passkey');
  }
  const remaining = passkeys.length - 1;
  return { remaining, lastPasskey: remaining === 0, lowersSecurity: true };
}
