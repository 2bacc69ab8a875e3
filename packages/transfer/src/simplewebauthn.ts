import type { Passkey } from '@acme/passkey-core';
import { decodeBytes, toBase64Url } from './bytes';
import { invalidField } from './errors';
import { credentialIdField, userHandleField, userIdField } from './fields';
import { type ForeignRecordOptions, foreignPasskey, recordObject } from './foreign';

/**
 * A passkey as SimpleWebAuthn's server documentation tells apps to store it ("Additional data
 * structures" of @simplewebauthn/server, v10 to v14: the `WebAuthnCredential` from
 * `registrationInfo.credential` — `id`, `publicKey`, `counter`, `transports` — with
 * `webauthnUserID` (`options.user.id` of the registration), `deviceType`, `backedUp` and the
 * app's user). Byte strings may come in any dumped form; extra columns are ignored.
 */
export interface SimpleWebAuthnRecord {
  /** Credential ID, base64url (bytes in SimpleWebAuthn 9 and earlier). */
  id: string | Uint8Array;
  /** The COSE public key: bytes, base64url or base64 text, `\x` hex. */
  publicKey: Uint8Array | string;
  counter: number;
  /** A list, or the comma-separated text the documentation suggests for SQL. */
  transports?: string[] | string | null;
  /** The user handle, base64url. The documentation spells it `webauthnUserID` and, in its example, `webAuthnUserID`. */
  webauthnUserID?: string;
  webAuthnUserID?: string;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  /** The app's user ID: `userId`, or `user.id` as in the documentation's `Passkey` type. */
  userId?: string | number;
  user?: { id: string | number };
  name?: string | null;
  aaguid?: string | null;
  createdAt?: string | number | Date | null;
  lastUsed?: string | number | Date | null;
  lastUsedAt?: string | number | Date | null;
}

/** Options of {@link fromSimpleWebAuthn}. */
export interface SimpleWebAuthnOptions extends ForeignRecordOptions {
  /**
   * SimpleWebAuthn 9 and earlier took the app's user ID as `userID` and sent its UTF-8 bytes as
   * `user.id`: for records without a `webauthnUserID`, use those bytes as the user handle.
   */
  userHandleFromUserId?: boolean;
}

/**
 * A SimpleWebAuthn-shaped record as a `Passkey`, keeping its credential ID, key, counter, backup
 * flags and user handle, so that the user's authenticators go on working (they return the user
 * handle at every discoverable sign-in). The algorithm is read from the COSE key. For many
 * records, `importPasskeys(store, lines, { format: 'simplewebauthn' })` reads them one per line.
 *
 * @example
 * // One row of the app's own table, as SimpleWebAuthn's documentation stores it.
 * const passkey = fromSimpleWebAuthn(row, { userHandleFromUserId: !row.webauthnUserID });
 * if ((await store.create(passkey, { maxPerUser: 10 })) !== 'created') console.warn(passkey.id);
 *
 * @throws PasskeyError INVALID_REQUEST with `details.field`.
 */
export function fromSimpleWebAuthn(value: unknown, options: SimpleWebAuthnOptions = {}): Passkey {
  const r = recordObject(value);
  const user = r.user as { id?: unknown } | undefined;
  const userId = userIdField(r.userId ?? (typeof user === 'object' && user !== null ? user.id : undefined));
  const rawId = r.id instanceof Uint8Array || typeof r.id !== 'string' ? decodeBytes(r.id) : null;
  const id = credentialIdField(rawId === null ? r.id : toBase64Url(rawId));
  const given = r.webauthnUserID ?? r.webAuthnUserID;
  let userHandle: string;
  if (given !== undefined && given !== null) userHandle = userHandleField(given, 'webauthnUserID');
  else if (options.userHandleFromUserId === true) {
    userHandle = userHandleField(toBase64Url(new TextEncoder().encode(userId)), 'userId');
  } else {
    invalidField('webauthnUserID', 'is missing: it is the user handle the authenticators hold');
  }
  return foreignPasskey(r, { id, userId, userHandle }, options);
}
