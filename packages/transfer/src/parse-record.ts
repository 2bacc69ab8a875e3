import type { Passkey } from '@acme/passkey-core';
import { decodeBase64Url } from './bytes';
import { coseAlgorithm } from './cose';
import { invalidField } from './errors';
import {
  aaguidField,
  attachmentField,
  backupFields,
  booleanField,
  counterField,
  credentialIdField,
  dateField,
  nameField,
  transportsField,
  userHandleField,
  userIdField,
} from './fields';
import type { PasskeyRecord } from './format';

const KEYS: readonly (keyof PasskeyRecord)[] = [
  'id',
  'userId',
  'userHandle',
  'publicKey',
  'algorithm',
  'counter',
  'transports',
  'deviceType',
  'backedUp',
  'userVerified',
  'prf',
  'aaguid',
  'attachment',
  'name',
  'createdAt',
  'lastUsedAt',
];

const isoText = (value: unknown, field: string): Date => {
  if (typeof value !== 'string') invalidField(field, 'must be ISO 8601 text');
  return dateField(value, field);
};

/**
 * Validates one record of an export (version 1) into a `Passkey`: every key present and no
 * other, each value of its type and range, the public key a COSE key whose algorithm is the
 * record's. Nothing is written before a record has passed, so a bad line changes nothing.
 * @throws PasskeyError INVALID_REQUEST with `details.field`.
 */
export function parsePasskeyRecord(value: unknown): Passkey {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidField('record', 'must be a JSON object');
  }
  const r = value as Record<string, unknown>;
  const unknown = Object.keys(r).find((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) invalidField(unknown, 'is not a field of this format version');
  const missing = KEYS.find((k) => !Object.hasOwn(r, k));
  if (missing !== undefined) invalidField(missing, 'is missing');

  const publicKey = decodeBase64Url(r.publicKey);
  if (publicKey === null || publicKey.length === 0) invalidField('publicKey', 'must be unpadded base64url');
  const algorithm = coseAlgorithm(publicKey);
  if (r.algorithm !== algorithm)
    invalidField('algorithm', `must be the public key's algorithm (${algorithm})`);
  if (typeof r.userId !== 'string') invalidField('userId', 'must be a string');
  const [deviceType, backedUp] = backupFields(r.deviceType, r.backedUp);
  return {
    id: credentialIdField(r.id),
    userId: userIdField(r.userId),
    userHandle: userHandleField(r.userHandle),
    publicKey,
    algorithm,
    counter: counterField(typeof r.counter === 'number' ? r.counter : Number.NaN),
    transports: transportsField(Array.isArray(r.transports) ? r.transports : 0),
    deviceType,
    backedUp,
    aaguid: aaguidField(r.aaguid),
    name: nameField(r.name),
    attachment: attachmentField(r.attachment),
    userVerified: booleanField(r.userVerified, 'userVerified'),
    prf: booleanField(r.prf, 'prf'),
    createdAt: isoText(r.createdAt, 'createdAt'),
    lastUsedAt: r.lastUsedAt === null ? null : isoText(r.lastUsedAt, 'lastUsedAt'),
  };
}
