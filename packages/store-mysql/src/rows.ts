import type { AuthenticatorAttachment, CredentialDeviceType, Passkey } from '@acme/passkey-core';

/** A row of the credentials table as mysql2 returns it (VARBINARY and BLOB as Buffers, DATETIME as text). */
export interface CredentialRow {
  id: Uint8Array;
  user_id: Uint8Array;
  user_handle: string;
  public_key: Uint8Array;
  algorithm: number;
  counter: number | string;
  transports: string;
  device_type: CredentialDeviceType;
  backed_up: number | boolean;
  aaguid: string;
  name: string;
  attachment: AuthenticatorAttachment | null;
  user_verified: number | boolean;
  prf: number | boolean;
  created_at: string;
  last_used_at: string | null;
}

const UINT32_MAX = 4_294_967_295;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * A DATETIME(3) in UTC as a SQL literal (`'2026-05-06 07:08:09.999'`, years 1000 to 9999), put
 * into the statement as it is: digits and separators only, which every SQL mode reads alike.
 */
export function datetime(d: Date): { toSqlString(): string } {
  const text = d.toISOString().slice(0, 23).replace('T', ' ');
  if (!DATETIME.test(text))
    throw new RangeError(`a date between the years 1000 and 9999 is needed, got ${text}`);
  return { toSqlString: () => `'${text}'` };
}

/** A DATETIME(3) read as text (UTC) back to a `Date`. */
const fromDatetime = (s: string): Date => new Date(`${s.replace(' ', 'T')}Z`);

/** A WebAuthn signature counter (WebAuthn L3 §6.1: 32 bits, unsigned), or a RangeError. */
export function counter(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new RangeError(`counter must be an integer in [0, 2^32 - 1], got ${value}`);
  }
  return value;
}

/** A fresh `Passkey` from a row: plain `Uint8Array`, numbers, booleans and `Date`s, sharing nothing with the driver. */
export function toPasskey(row: CredentialRow): Passkey {
  return {
    id: utf8.decode(row.id),
    userId: utf8.decode(row.user_id),
    userHandle: row.user_handle,
    publicKey: new Uint8Array(row.public_key),
    algorithm: Number(row.algorithm),
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    deviceType: row.device_type,
    backedUp: Boolean(Number(row.backed_up)),
    aaguid: row.aaguid,
    name: row.name,
    attachment: row.attachment,
    userVerified: Boolean(Number(row.user_verified)),
    prf: Boolean(Number(row.prf)),
    createdAt: fromDatetime(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : fromDatetime(row.last_used_at),
  };
}

/** The insert parameters, in the statements' column order; a counter outside uint32 is refused before any write. */
export function toParams(p: Passkey): unknown[] {
  return [
    p.id,
    p.userId,
    p.userHandle,
    Buffer.from(p.publicKey),
    p.algorithm,
    counter(p.counter),
    JSON.stringify(p.transports),
    p.deviceType,
    p.backedUp,
    p.aaguid,
    p.name,
    p.attachment,
    p.userVerified === true,
    p.prf === true,
    datetime(p.createdAt),
    p.lastUsedAt === null ? null : datetime(p.lastUsedAt),
  ];
}
