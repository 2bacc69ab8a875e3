/**
 * The documented differences a registration can fall into beyond its client data and encodings,
 * read from the structure of the response as sent, never from a verdict.
 */
import { decodePartialCBOR } from '@levischuck/tiny-cbor';
import { type Difference, invalidCborText } from './differences';

/** Where this server is stricter about a registration than bare SimpleWebAuthn, and why. */
export const STRICTER_AT_REGISTRATION = {
  'attestation-object':
    'an attestation object that is not exactly one CBOR map of a text fmt, a map attStmt and a byte string ' +
    'authData (L3 §6.5.4): bytes after the map, or members of other types. SimpleWebAuthn decodes the first ' +
    'item, ignores the rest, and for fmt "none" reads an attStmt of any type as empty.',
  'cose-key':
    'a credential public key without the parameters its key type requires (L3 §6.5.1.1, RFC 9053: an EC2 ' +
    'curve with x and y of its size, an Ed25519 x of 32 bytes, an RSA n and e): it could never verify a ' +
    'sign-in. SimpleWebAuthn reads only alg at registration.',
  'truncated-cbor':
    'a CBOR byte string (the authData in the attestation object, a coordinate of the COSE key) claims more ' +
    'bytes than there are: this server checks each item’s length as decoded and refuses. SimpleWebAuthn’s ' +
    'decoder silently returns the bytes that are there, and re-encoding the key to learn its length hides the gap.',
  'credential-id':
    'the response’s id is not the credential ID in its authenticator data: this server stores the passkey ' +
    'under the ID the browser reported, which must be the one the authenticator made. SimpleWebAuthn takes the ' +
    'ID from the authenticator data and never compares.',
} as const;

/** A registration-only documented difference. */
export type RegistrationDifference = keyof typeof STRICTER_AT_REGISTRATION;

const SIZES: Record<number, number> = { 1: 32, 2: 48, 3: 66 };
const isBytes = (v: unknown, size?: number) =>
  v instanceof Uint8Array && v.length > 0 && (size === undefined || v.length === size);

/** True when a COSE_Key map lacks what its key type requires. */
function looseCoseKey(key: Map<number, unknown>): boolean {
  const kty = key.get(1);
  if (!Number.isSafeInteger(kty) || !Number.isSafeInteger(key.get(3))) return true;
  if (kty === 2)
    return !(
      SIZES[key.get(-1) as number] &&
      isBytes(key.get(-2), SIZES[key.get(-1) as number]) &&
      isBytes(key.get(-3), SIZES[key.get(-1) as number])
    );
  if (kty === 1) return !(key.get(-1) === 6 && isBytes(key.get(-2), 32));
  if (kty === 3) return !(isBytes(key.get(-1)) && isBytes(key.get(-2)));
  return false;
}

/** The registration-only differences of a response whose members are as sent (base64url). */
export function registrationDifferences(json: {
  id: unknown;
  response: Record<string, unknown>;
}): Array<RegistrationDifference | Difference> {
  const found: Array<RegistrationDifference | Difference> = [];
  const text = json.response.attestationObject;
  if (typeof text !== 'string') return found;
  const bytes = new Uint8Array(Buffer.from(text.replace(/=+$/, ''), 'base64url'));
  let object: Map<string, unknown>;
  try {
    const [value, length] = decodePartialCBOR(bytes, 0);
    object = value as Map<string, unknown>;
    if (length > bytes.length) found.push('truncated-cbor');
    const typed =
      object instanceof Map &&
      typeof object.get('fmt') === 'string' &&
      object.get('attStmt') instanceof Map &&
      object.get('authData') instanceof Uint8Array;
    if (length < bytes.length || !typed) found.push('attestation-object');
    if (invalidCborText(bytes, 0)) found.push('cbor-text');
  } catch {
    return found;
  }
  const authData = object instanceof Map ? object.get('authData') : undefined;
  if (!(authData instanceof Uint8Array) || authData.length < 55 || !((authData[32] as number) & 0x40))
    return found;
  const idLength = new DataView(authData.buffer, authData.byteOffset).getUint16(53);
  const credentialId = authData.subarray(55, 55 + idLength);
  if (
    typeof json.id === 'string' &&
    Buffer.from(credentialId).toString('base64url') !== json.id.replace(/=+$/, '')
  ) {
    found.push('credential-id');
  }
  const rest = authData.slice(55 + idLength);
  try {
    const [key, length] = decodePartialCBOR(rest, 0);
    if (length > rest.length) found.push('truncated-cbor');
    else if (invalidCborText(rest, 0) || (length < rest.length && invalidCborText(rest, length)))
      found.push('cbor-text');
    else if (key instanceof Map && looseCoseKey(key as Map<number, unknown>)) found.push('cose-key');
  } catch {
    // not CBOR at all: both refuse
  }
  return found;
}
