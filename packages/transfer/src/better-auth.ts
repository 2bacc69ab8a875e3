import type { Passkey } from '@acme/passkey-core';
import { invalidField } from './errors';
import { credentialIdField, userHandleField, userIdField } from './fields';
import { type ForeignRecordOptions, foreignPasskey, recordObject } from './foreign';

/**
 * A row of Better Auth's passkey plugin table (`passkey`: `id`, `name`, `publicKey` — the COSE
 * key in base64 —, `userId`, `credentialID`, `counter`, `deviceType`, `backedUp`, `transports`
 * as comma-separated text, `createdAt`, `aaguid`; better-auth `packages/passkey/src/schema.ts`),
 * plus the `userHandle` the app recorded (see {@link fromBetterAuth}).
 */
export interface BetterAuthPasskeyRow {
  id?: string;
  name?: string | null;
  publicKey: string;
  userId: string;
  credentialID: string;
  counter: number;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  transports?: string | null;
  createdAt?: string | number | Date | null;
  aaguid?: string | null;
  /** The user handle the authenticator returned at a sign-in, base64url: Better Auth does not store it. */
  userHandle?: string | null;
}

/**
 * A Better Auth passkey row as a `Passkey`, keeping its credential ID, key, counter and backup
 * flags; the algorithm is read from the COSE key.
 *
 * Better Auth registers every passkey with a new random `user.id` (32 characters of a–z0–9, as
 * UTF-8: `generatePasskeyRegistrationOptions` in its `routes.ts`) and stores it nowhere, while
 * the authenticator returns it at every discoverable sign-in, where this SDK checks it
 * (WebAuthn L3 §7.2 step 6). So the row must carry the `userHandle` an authenticator answered
 * with: record `clientData.response.userHandle` in Better Auth's
 * `authentication.afterVerification` hook for a while before moving (the README shows how).
 * A row without one is refused (`details.field: 'userHandle'`), and its user registers anew.
 *
 * @example
 * // Better Auth's `passkey` table, with the `userHandle` column the README has it fill first.
 * const { rows } = await pool.query('SELECT * FROM passkey WHERE "userHandle" IS NOT NULL');
 * for (const row of rows) await store.create(fromBetterAuth(row), { maxPerUser: 10 });
 *
 * @throws PasskeyError INVALID_REQUEST with `details.field`.
 */
export function fromBetterAuth(value: unknown, options: ForeignRecordOptions = {}): Passkey {
  const r = recordObject(value);
  if (r.userHandle === undefined || r.userHandle === null || r.userHandle === '') {
    invalidField('userHandle', 'is unknown: Better Auth does not store it; record it at a sign-in first');
  }
  const identity = {
    id: credentialIdField(r.credentialID, 'credentialID'),
    userId: userIdField(r.userId),
    userHandle: userHandleField(r.userHandle),
  };
  return foreignPasskey(r, identity, options);
}
