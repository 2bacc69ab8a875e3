import { PasskeyError } from '../errors';
import { type PasskeyPolicy, VERIFICATION_METHODS, type VerificationMethod } from './policy';

/**
 * True when the user completed a security verification (password, second factor or passkey)
 * recently enough to add or remove a passkey: within `policy.stepUpMaxAgeSeconds` of `now`.
 * A verification in the future (clock skew beyond a minute) or an invalid date is not fresh.
 */
export function isVerificationFresh(
  lastVerifiedAt: Date | null | undefined,
  now: Date,
  policy: Pick<PasskeyPolicy, 'stepUpMaxAgeSeconds'>,
): boolean {
  if (!(lastVerifiedAt instanceof Date)) return false;
  const age = now.getTime() - lastVerifiedAt.getTime();
  if (Number.isNaN(age) || age < -60_000) return false;
  return age <= policy.stepUpMaxAgeSeconds * 1000;
}

/** The user's last security verification, as the app tells it. */
export interface SecurityVerification {
  lastVerifiedAt: Date | null | undefined;
  /** Absent means `'password'`, the weakest. */
  lastVerifiedWith?: VerificationMethod | undefined;
}

/**
 * The methods whose fresh verification may change the account's passkeys: any for the first
 * passkey, only `policy.strongVerification` once the user has one, so that a stolen password
 * alone can neither enrol the thief's passkey nor strip the owner's.
 */
export function acceptedVerificationMethods(
  hasPasskey: boolean,
  policy: Pick<PasskeyPolicy, 'strongVerification'>,
): VerificationMethod[] {
  return hasPasskey ? [...policy.strongVerification] : [...VERIFICATION_METHODS];
}

/**
 * Refuses an account change (adding or removing a passkey) unless the user's last verification
 * is fresh and of an accepted method: `STEP_UP_REQUIRED` with `details: { methods, maxAgeSeconds }`,
 * so that a page knows what to offer. The server applies it to its own changes; an app may hold
 * its own account changes to the same rule.
 *
 * @example
 * // Changing the account's email: a stolen password alone must not do it once a passkey exists.
 * const { passkeys: owned } = await passkeys.list(session.user.id);
 * requireAccountVerification(session, owned.length > 0, new Date(), resolvePolicy(policy));
 */
export function requireAccountVerification(
  verification: SecurityVerification,
  hasPasskey: boolean,
  now: Date,
  policy: Pick<PasskeyPolicy, 'stepUpMaxAgeSeconds' | 'strongVerification'>,
): void {
  const methods = acceptedVerificationMethods(hasPasskey, policy);
  const used = verification.lastVerifiedWith ?? 'password';
  if (isVerificationFresh(verification.lastVerifiedAt, now, policy) && methods.includes(used)) return;
  throw stepUpRequired(hasPasskey, policy);
}

/** The one refusal of an account change made without a fresh, strong enough verification. */
export function stepUpRequired(
  hasPasskey: boolean,
  policy: Pick<PasskeyPolicy, 'stepUpMaxAgeSeconds' | 'strongVerification'>,
): PasskeyError {
  const methods = acceptedVerificationMethods(hasPasskey, policy);
  return new PasskeyError('STEP_UP_REQUIRED', 'Complete the security verification first', {
    details: { methods, maxAgeSeconds: policy.stepUpMaxAgeSeconds },
  });
}
