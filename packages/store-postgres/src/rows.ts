import type { AuthenticatorAttachment, CredentialDeviceType, Passkey } from '@acme/passkey-core';

/** A row of the credentials table as the drivers return it (node-postgres: bigint as a string, bytea as a Buffer). */
export interface CredentialRow {
  id: string;
  user_id: string;
  user_handle: string;
  public_key: Uint8Array;
  algorithm: number;
  counter: number | string | bigint;
  transports: string[];
  device_type: CredentialDeviceType;
  backed_up: boolean;
  aaguid: string;
  name: string;
  attachment: AuthenticatorAttachment | null;
  user_verified: boolean;
  prf: boolean;
  created_at: Date | string;
  last_used_at: Date | string | null;
}

/** A fresh `Passkey` from a row: plain `Uint8Array`, numbers and `Date`s, sharing nothing with the driver. */
export function toPasskey(row: CredentialRow): Passkey {
  return {
    id: row.id,
    userId: row.user_id,
    userHandle: row.user_handle,
    publicKey: new Uint8Array(row.public_key),
    algorithm: row.algorithm,
    counter: Number(row.counter),
    transports: [...row.transports],
    deviceType: row.device_type,
    backedUp: row.backed_up,
    aaguid: row.aaguid,
    name: row.name,
    attachment: row.attachment,
    userVerified: row.user_verified,
    prf: row.prf,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

/**
 * The insert parameters, in the statements' column order. Times go as ISO 8601 strings with
 * milliseconds, so every driver stores the exact instant (timestamptz keeps microseconds).
 */
export function toParams(p: Passkey): unknown[] {
  return [
    p.id,
    p.userId,
    p.userHandle,
    p.publicKey,
    p.algorithm,
    p.counter,
    [...p.transports],
    p.deviceType,
    p.backedUp,
    p.aaguid,
    p.name,
    p.attachment,
    p.userVerified === true,
    p.prf === true,
    p.createdAt.toISOString(),
    p.lastUsedAt === null ? null : p.lastUsedAt.toISOString(),
  ];
}
