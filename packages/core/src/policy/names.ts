import { providerName } from '../aaguid/index';
import { PasskeyError } from '../errors';
import type { AuthenticatorAttachment } from '../types';
import { DEFAULT_POLICY, type PasskeyPolicy } from './policy';

// Cc: controls (incl. newlines, tabs). Cf: format characters (zero-width, bidi overrides, BOM).
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;

/**
 * Normalises a passkey name and checks the naming rule (docs/design.md, "Policy"): NFC, trimmed, 1..`nameMaxLength`
 * code points, no character of Unicode category Cc or Cf, well-formed UTF-16 (no lone surrogate).
 * Names need not be unique.
 * @returns the normalised name.
 * @throws PasskeyError INVALID_NAME.
 */
export function validatePasskeyName(
  name: unknown,
  policy: Pick<PasskeyPolicy, 'nameMaxLength'> = DEFAULT_POLICY,
): string {
  if (typeof name !== 'string') throw new PasskeyError('INVALID_NAME', 'A passkey name must be a string');
  if (/\p{Cs}/u.test(name)) throw new PasskeyError('INVALID_NAME', 'A passkey name must be valid Unicode');
  const normalized = name.normalize('NFC').trim();
  if (FORBIDDEN.test(normalized)) {
    throw new PasskeyError(
      'INVALID_NAME',
      'A passkey name cannot contain control or invisible formatting characters',
    );
  }
  const length = [...normalized].length;
  if (length < 1 || length > policy.nameMaxLength) {
    throw new PasskeyError(
      'INVALID_NAME',
      `A passkey name must be 1 to ${policy.nameMaxLength} characters long`,
      {
        details: { maxLength: policy.nameMaxLength },
      },
    );
  }
  return normalized;
}

/** Inputs of {@link defaultPasskeyName}. */
export interface DefaultPasskeyNameInput {
  aaguid: string | null;
  attachment: AuthenticatorAttachment | null;
  /** The names the user's passkeys already have. */
  existingNames: readonly string[];
}

/**
 * A name for a new passkey: the provider from the AAGUID catalogue ("iCloud Keychain"),
 * else "Security key" for a cross-platform authenticator or "This device", made unique
 * among the user's names: "iCloud Keychain (2)".
 */
export function defaultPasskeyName({ aaguid, attachment, existingNames }: DefaultPasskeyNameInput): string {
  const base = providerName(aaguid) ?? (attachment === 'cross-platform' ? 'Security key' : 'This device');
  const taken = new Set(existingNames.map((n) => n.normalize('NFC').toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
