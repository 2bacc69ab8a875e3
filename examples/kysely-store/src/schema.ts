/**
 * The tables of the Kysely store, as Kysely's `Database` type: what each column holds when read
 * (`Selectable`), and what an insert or update gives it. PostgreSQL types: bigint arrives as a
 * string from node-postgres, bytea as a Buffer, timestamptz as a Date.
 */
import type { ColumnType, Generated } from 'kysely';

/** One passkey: the fields of core's `Passkey`, in snake_case. */
export interface PasskeyTable {
  id: string;
  user_id: string;
  user_handle: string;
  public_key: Uint8Array;
  algorithm: number;
  /** Up to 2^32 - 1 (WebAuthn's 32-bit counter): bigint, read back as a string. */
  counter: ColumnType<string | number, number, number>;
  transports: string[];
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  aaguid: string;
  name: string;
  attachment: 'platform' | 'cross-platform' | null;
  user_verified: boolean;
  prf: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

/** One row per user who ever added a passkey: `create` locks it (`FOR UPDATE`) to count and insert. */
export interface UserLockTable {
  user_id: string;
  created_at: Generated<Date>;
}

/** Single-use records: ceremonies and issued receipt IDs. */
export interface ChallengeTable {
  id: string;
  /** The record as JSON text. */
  record: string;
  /** When cleanup may delete it (the server judges expiry from `record.expiresAt`). */
  expires_at: Date;
}

/** The database as the stores see it. */
export interface PasskeyDatabase {
  passkeys: PasskeyTable;
  passkey_user_locks: UserLockTable;
  passkey_challenges: ChallengeTable;
}
