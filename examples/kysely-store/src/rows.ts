/** Between core's `Passkey` and a row of `passkeys`: fresh values, nothing shared with the driver. */
import type { Passkey } from '@acme/passkey-core';
import type { Insertable, Selectable } from 'kysely';
import type { PasskeyTable } from './schema';

/** A `Passkey` from a row (node-postgres gives bigint as a string and bytea as a Buffer). */
export function toPasskey(row: Selectable<PasskeyTable>): Passkey {
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

/** The row to insert for a `Passkey` (copies, so a caller's later change cannot reach the store). */
export function toRow(p: Passkey): Insertable<PasskeyTable> {
  return {
    id: p.id,
    user_id: p.userId,
    user_handle: p.userHandle,
    public_key: Buffer.from(p.publicKey),
    algorithm: p.algorithm,
    counter: p.counter,
    transports: [...p.transports],
    device_type: p.deviceType,
    backed_up: p.backedUp,
    aaguid: p.aaguid,
    name: p.name,
    attachment: p.attachment,
    user_verified: p.userVerified === true,
    prf: p.prf === true,
    created_at: new Date(p.createdAt),
    last_used_at: p.lastUsedAt === null ? null : new Date(p.lastUsedAt),
  };
}
