import { PasskeyError } from '../errors';
import { DEFAULT_POLICY, type PasskeyPolicy } from './policy';

// Cc: controls (incl. newlines, tabs). Cf: format characters (zero-width, bidi overrides, BOM).
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;

/** Why a name was refused, in `details.reason` of `INVALID_NAME`: a page picks its words by it. */
export type InvalidNameReason = 'not-text' | 'empty' | 'too-long' | 'characters';

const refuse = (reason: InvalidNameReason, message: string, details: Record<string, unknown> = {}) =>
  new PasskeyError('INVALID_NAME', message, { details: { reason, ...details } });

/**
 * Normalises a passkey name and checks the naming rule (docs/design.md, "Policy"): NFC, trimmed, 1..`nameMaxLength`
 * code points, no character of Unicode category Cc or Cf, well-formed UTF-16 (no lone surrogate).
 * Names need not be unique.
 * @returns the normalised name.
 * @throws PasskeyError INVALID_NAME, with `details.reason` ({@link InvalidNameReason}) and `maxLength`.
 */
export function validatePasskeyName(
  name: unknown,
  policy: Pick<PasskeyPolicy, 'nameMaxLength'> = DEFAULT_POLICY,
): string {
  const maxLength = policy.nameMaxLength;
  if (typeof name !== 'string') throw refuse('not-text', 'A passkey name must be a string', { maxLength });
  if (/\p{Cs}/u.test(name)) throw refuse('characters', 'A passkey name must be valid Unicode', { maxLength });
  const normalized = name.normalize('NFC').trim();
  // Only spaces is an empty name, whatever else the rule would say of it.
  if (normalized.length === 0) throw refuse('empty', 'A passkey name cannot be empty', { maxLength });
  if (FORBIDDEN.test(normalized)) {
    throw refuse('characters', 'A passkey name cannot contain control or invisible formatting characters', {
      maxLength,
    });
  }
  if ([...normalized].length > maxLength) {
    throw refuse('too-long', `A passkey name must be 1 to ${maxLength} characters long`, { maxLength });
  }
  return normalized;
}
