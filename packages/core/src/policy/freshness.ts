import type { PasskeyPolicy } from './policy';

/**
 * True when the user completed a security verification (password, OTP or passkey) recently
 * enough to add or remove a passkey: within `policy.stepUpMaxAgeSeconds` of `now`.
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
