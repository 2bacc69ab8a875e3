/** What the importers from other libraries share: the key, the default name and the dates. */
import { type Passkey, providerName, ZERO_AAGUID } from '@acme/passkey-core';
import { decodeBytes } from './bytes';
import { coseAlgorithm } from './cose';
import { invalidField } from './errors';
import { aaguidField, backupFields, counterField, dateField, nameField, transportsField } from './fields';

/** Options shared by the importers from other libraries. */
export interface ForeignRecordOptions {
  /** The creation time given to records that do not carry one. Default: the current time. */
  now?: () => Date;
}

/**
 * A passkey from another library's record, once its identity (credential ID, owner, user
 * handle) is known: the key and algorithm, counter, transports and backup flags are read from
 * the record's `publicKey`, `counter`, `transports`, `deviceType` and `backedUp`, the rest as
 * {@link foreignExtras} says.
 */
export function foreignPasskey(
  r: Record<string, unknown>,
  identity: Pick<Passkey, 'id' | 'userId' | 'userHandle'>,
  options: ForeignRecordOptions,
): Passkey {
  const [deviceType, backedUp] = backupFields(r.deviceType, r.backedUp);
  return {
    ...identity,
    ...foreignKey(r.publicKey),
    counter: counterField(r.counter),
    transports: transportsField(r.transports),
    deviceType,
    backedUp,
    ...foreignExtras(r, options),
  };
}

/** A JSON object, or INVALID_REQUEST. */
export function recordObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidField('record', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The public key's bytes (any dumped form) and the algorithm read from it. */
export function foreignKey(value: unknown): Pick<Passkey, 'publicKey' | 'algorithm'> {
  const publicKey = decodeBytes(value);
  if (publicKey === null || publicKey.length === 0) {
    invalidField('publicKey', 'must be bytes: base64url, base64, \\x hex or a byte array');
  }
  return { publicKey, algorithm: coseAlgorithm(publicKey) };
}

/**
 * The fields other libraries do not record, or record loosely: the model (all zeros when
 * absent), a name (the given one when it meets the naming rule, else the provider's name or
 * "Imported passkey": a name is only shown, and the user can rename it), the dates, and
 * `userVerified: false` (unknown: the policy then decides), `attachment: null`, `prf: false`.
 */
export function foreignExtras(
  r: Record<string, unknown>,
  options: ForeignRecordOptions,
): Pick<Passkey, 'aaguid' | 'name' | 'createdAt' | 'lastUsedAt' | 'userVerified' | 'attachment' | 'prf'> {
  const aaguid =
    r.aaguid === undefined || r.aaguid === null || r.aaguid === '' ? ZERO_AAGUID : aaguidField(r.aaguid);
  let name: string;
  try {
    name = nameField(r.name);
  } catch {
    name = providerName(aaguid) ?? 'Imported passkey';
  }
  const at = (key: string) => (r[key] === undefined || r[key] === null ? null : dateField(r[key], key));
  const lastUsed = r.lastUsedAt !== undefined ? 'lastUsedAt' : 'lastUsed';
  return {
    aaguid,
    name,
    createdAt: at('createdAt') ?? (options.now ?? (() => new Date()))(),
    lastUsedAt: at(lastUsed),
    userVerified: false,
    attachment: null,
    prf: false,
  };
}
