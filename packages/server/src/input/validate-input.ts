/** Checks of what callers pass in: each returns the typed value or raises INVALID_REQUEST (400). */
import { VERIFICATION_METHODS, type VerificationMethod } from '@acme/passkey-core';
import { isBase64Url } from '../encoding';
import { invalid } from '../errors/refusals';

/** A plain JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string of at most `max` characters, or INVALID_REQUEST. */
export function requireString(value: unknown, field: string, max = 256): string {
  // NUL is refused too: no SQL engine stores it in text or jsonb.
  if (typeof value !== 'string' || value.length === 0 || value.length > max || value.includes('\u0000')) {
    invalid(`${field} must be a non-empty string of at most ${max} characters, without NUL`);
  }
  return value;
}

/** `value` when it is one of `allowed`, `fallback` when undefined, else INVALID_REQUEST. */
export function optionalEnum<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) invalid(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The object an API call takes, or INVALID_REQUEST. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) invalid(`${field} must be an object`);
  return value;
}

// Controls (Cc, NUL included) and lone surrogates: no username has them, and no SQL engine stores NUL.
const BAD_USERNAME = /[\p{Cc}\p{Cs}]/u;

/**
 * A username typed on a sign-in page: 1–256 characters, not only spaces, without control
 * characters or lone surrogates. Checked before the app's `findUser` ever sees it.
 */
export function requireUsername(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 256 || BAD_USERNAME.test(value)) {
    invalid('username must be 1–256 characters, without control characters');
  }
  return value;
}

/** A `lastVerifiedAt`: a Date or null (absent reads as null). */
export function optionalDate(value: unknown, field: string): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date)) invalid(`${field} must be a Date or null`);
  return value;
}

/** A `lastVerifiedWith`; absent means `'password'`, the weakest. */
export function verificationMethod(value: unknown): VerificationMethod {
  return optionalEnum(value, 'lastVerifiedWith', VERIFICATION_METHODS, 'password');
}

/** A passkey ID must be a base64url credential ID: anything else is a 400, not a 404. */
export function requirePasskeyId(value: unknown): string {
  if (!isBase64Url(value, 1366) || value.length === 0) invalid('passkeyId is malformed');
  return value;
}
