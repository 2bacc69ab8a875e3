/**
 * One check per field of a passkey record, shared by this package's format and the importers
 * from other libraries: each returns the typed value or refuses the field (`INVALID_REQUEST`).
 */
import {
  type AuthenticatorAttachment,
  type CredentialDeviceType,
  validatePasskeyName,
} from '@acme/passkey-core';
import { decodeBase64Url } from './bytes';
import { invalidField } from './errors';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRANSPORT = /^[a-z][a-z0-9-]{0,31}$/;

/** base64url text of `min`..`max` bytes in its one canonical spelling. */
export function base64UrlField(value: unknown, field: string, min: number, max: number): string {
  const bytes = decodeBase64Url(value);
  if (bytes === null) invalidField(field, 'must be unpadded base64url');
  if (bytes.length < min || bytes.length > max) invalidField(field, `must be ${min} to ${max} bytes`);
  return value as string;
}

/** A credential ID: at most 1023 bytes (WebAuthn L3 §5.8.3's limit on credential IDs). */
export const credentialIdField = (value: unknown, field = 'id') => base64UrlField(value, field, 1, 1023);

/** A user handle: 1 to 64 bytes (WebAuthn L3 §5.4.3, user.id). */
export const userHandleField = (value: unknown, field = 'userHandle') => base64UrlField(value, field, 1, 64);

/** The application's user ID: a non-empty string of at most 256 characters, without NUL. */
export function userIdField(value: unknown, field = 'userId'): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > 256 || value.includes('\u0000')) {
    invalidField(field, 'must be a non-empty string of at most 256 characters, without NUL');
  }
  return value;
}

/** A signature counter, an unsigned 32-bit integer (WebAuthn L3 §6.1); decimal text is read too. */
export function counterField(value: unknown, field = 'counter'): number {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > 0xffffffff) {
    invalidField(field, 'must be an integer from 0 to 4294967295');
  }
  return n as number;
}

/** Transports: a list (or comma-separated text) of distinct lowercase names; absent is none. */
export function transportsField(value: unknown, field = 'transports'): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = typeof value === 'string' ? value.split(',').map((t) => t.trim()) : value;
  const ok =
    Array.isArray(list) &&
    list.length <= 16 &&
    new Set(list).size === list.length &&
    list.every((t) => typeof t === 'string' && TRANSPORT.test(t));
  if (!ok) invalidField(field, 'must be a list of distinct transport names such as "internal" or "usb"');
  return [...(list as string[])];
}

/** Backup eligibility and state: a credential that is not eligible cannot be backed up (§6.1). */
export function backupFields(deviceType: unknown, backedUp: unknown): [CredentialDeviceType, boolean] {
  if (deviceType !== 'singleDevice' && deviceType !== 'multiDevice') {
    invalidField('deviceType', 'must be "singleDevice" or "multiDevice"');
  }
  const bs = booleanField(backedUp, 'backedUp');
  if (bs && deviceType === 'singleDevice')
    invalidField('backedUp', 'cannot be true for a singleDevice passkey');
  return [deviceType, bs];
}

/** A boolean. */
export function booleanField(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalidField(field, 'must be true or false');
  return value;
}

/** An authenticator model: a UUID, written in lowercase. */
export function aaguidField(value: unknown, field = 'aaguid'): string {
  const text = typeof value === 'string' ? value.toLowerCase() : value;
  if (typeof text !== 'string' || !AAGUID.test(text)) invalidField(field, 'must be a UUID');
  return text;
}

/** How the authenticator was attached, or null when unknown. */
export function attachmentField(value: unknown, field = 'attachment'): AuthenticatorAttachment | null {
  if (value === null || value === 'platform' || value === 'cross-platform') return value;
  return invalidField(field, 'must be "platform", "cross-platform" or null');
}

/** A passkey name by the policy's rule (NFC, trimmed, 1..64 code points, no controls), normalised. */
export function nameField(value: unknown, field = 'name'): string {
  try {
    return validatePasskeyName(value);
  } catch (err) {
    return invalidField(field, 'must be 1 to 64 characters without control characters', err);
  }
}

/** Whether ISO 8601 text names a real calendar day (`Date` reads 2026-02-30 as 2 March). */
function realDay(text: string): boolean {
  const [, y, m, d] = (ISO_8601.exec(text) ?? []).map(Number) as number[];
  return new Date(Date.UTC(y as number, (m as number) - 1, d)).getUTCDate() === d && (m as number) <= 12;
}

/** An instant: ISO 8601 text with a time zone, a `Date`, or (for other libraries' dumps) epoch milliseconds. */
export function dateField(value: unknown, field: string): Date {
  const date =
    value instanceof Date
      ? new Date(value)
      : typeof value === 'string' && ISO_8601.test(value) && realDay(value)
        ? new Date(value)
        : typeof value === 'number' && Number.isSafeInteger(value)
          ? new Date(value)
          : null;
  if (date === null || Number.isNaN(date.getTime())) {
    invalidField(field, 'must be an ISO 8601 date and time with a time zone');
  }
  return date;
}
