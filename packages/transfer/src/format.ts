import type { AuthenticatorAttachment, CredentialDeviceType, Passkey } from '@acme/passkey-core';
import { toBase64Url } from './bytes';

/** The `format` of an export's header line. */
export const PASSKEY_EXPORT_FORMAT = 'acme-passkeys';
/** The version of the line format this package writes and reads. */
export const PASSKEY_EXPORT_VERSION = 1;

/** The first line of an export: `{"format":"acme-passkeys","version":1}`. */
export interface PasskeyExportHeader {
  format: typeof PASSKEY_EXPORT_FORMAT;
  version: typeof PASSKEY_EXPORT_VERSION;
}

/**
 * One passkey as a line of an export (version 1): every field of a stored `Passkey`, bytes as
 * unpadded base64url, times as ISO 8601 UTC with milliseconds. Written in this key order.
 */
export interface PasskeyRecord {
  id: string;
  userId: string;
  userHandle: string;
  publicKey: string;
  algorithm: number;
  counter: number;
  transports: string[];
  deviceType: CredentialDeviceType;
  backedUp: boolean;
  userVerified: boolean;
  prf: boolean;
  aaguid: string;
  attachment: AuthenticatorAttachment | null;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The header line, without its newline. */
export const headerLine = (): string =>
  JSON.stringify({ format: PASSKEY_EXPORT_FORMAT, version: PASSKEY_EXPORT_VERSION });

/**
 * A passkey as a record, every field present (`prf` absent in the store reads as false), in a
 * fixed key order: two exports of the same passkeys are byte for byte the same.
 */
export function toPasskeyRecord(p: Passkey): PasskeyRecord {
  return {
    id: p.id,
    userId: p.userId,
    userHandle: p.userHandle,
    publicKey: toBase64Url(p.publicKey),
    algorithm: p.algorithm,
    counter: p.counter,
    transports: [...p.transports],
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    userVerified: p.userVerified === true,
    prf: p.prf === true,
    aaguid: p.aaguid,
    attachment: p.attachment,
    name: p.name,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt === null ? null : p.lastUsedAt.toISOString(),
  };
}
