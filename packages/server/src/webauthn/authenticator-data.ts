import { invalid } from '../errors/refusals';
import { type CborValue, decodeCborItem, isCborMap } from './cbor';
import { type CoseKey, coseKeyOf } from './cose-key';

/** The flags byte of authenticator data (L3 §6.1). */
export interface AuthenticatorFlags {
  /** User Present (bit 0). */
  up: boolean;
  /** User Verified (bit 2). */
  uv: boolean;
  /** Backup Eligible (bit 3): fixed for the life of the credential (L3 §6.1.3). */
  be: boolean;
  /** Backup State (bit 4). */
  bs: boolean;
  /** Attested credential data included (bit 6). */
  at: boolean;
  /** Extension data included (bit 7). */
  ed: boolean;
}

/** Attested credential data (L3 §6.5.1): present in a registration's authenticator data. */
export interface AttestedCredential {
  /** The authenticator model, as a lowercase UUID string. */
  aaguid: string;
  credentialId: Uint8Array;
  /** The COSE_Key exactly as the authenticator encoded it: what is stored and later verified with. */
  publicKey: Uint8Array;
  /** The same key, decoded (from these bytes, once) and checked. */
  key: CoseKey;
}

/** Authenticator data (L3 §6.1), parsed once. */
export interface AuthenticatorData {
  /** The exact bytes the signature covers. */
  bytes: Uint8Array;
  rpIdHash: Uint8Array;
  flags: AuthenticatorFlags;
  /** The signature counter (unsigned 32-bit). */
  counter: number;
  attested?: AttestedCredential;
  /** Authenticator extension outputs, a CBOR map. */
  extensions?: Map<string | number, CborValue>;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const uuid = (b: Uint8Array) => hex(b).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

function parseAttested(bytes: Uint8Array, at: number): { attested: AttestedCredential; end: number } {
  if (bytes.length < at + 18) invalid('authenticator data is too short for its attested credential data');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idLength = view.getUint16(at + 16);
  const keyAt = at + 18 + idLength;
  if (bytes.length <= keyAt) invalid('authenticator data is too short for its credential ID and public key');
  const { value, end } = decodeCborItem(bytes, keyAt, 'the credential public key');
  const attested = {
    aaguid: uuid(bytes.subarray(at, at + 16)),
    credentialId: bytes.slice(at + 18, keyAt),
    publicKey: bytes.slice(keyAt, end),
    key: coseKeyOf(value),
  };
  return { attested, end };
}

/**
 * Parses authenticator data (L3 §6.1): RP ID hash, flags, counter, then the attested credential
 * data when AT is set and the extensions when ED is set, and nothing after them. Parsed once; the
 * checks and the signature then work on these values. Malformed data is INVALID_REQUEST.
 */
export function parseAuthenticatorData(bytes: Uint8Array): AuthenticatorData {
  if (bytes.length < 37) invalid('authenticator data is shorter than 37 bytes');
  const byte = bytes[32] as number;
  const flags: AuthenticatorFlags = {
    up: (byte & 0x01) !== 0,
    uv: (byte & 0x04) !== 0,
    be: (byte & 0x08) !== 0,
    bs: (byte & 0x10) !== 0,
    at: (byte & 0x40) !== 0,
    ed: (byte & 0x80) !== 0,
  };
  const counter = new DataView(bytes.buffer, bytes.byteOffset + 33, 4).getUint32(0);
  const data: AuthenticatorData = { bytes, rpIdHash: bytes.slice(0, 32), flags, counter };
  let at = 37;
  if (flags.at) {
    const { attested, end } = parseAttested(bytes, at);
    data.attested = attested;
    at = end;
  }
  if (flags.ed) {
    if (at >= bytes.length) invalid('authenticator data sets ED but carries no extensions');
    const { value, end } = decodeCborItem(bytes, at, 'the authenticator extensions');
    if (!isCborMap(value)) invalid('the authenticator extensions are not a CBOR map');
    data.extensions = value;
    at = end;
  }
  if (at !== bytes.length) invalid('authenticator data has bytes left over');
  return data;
}
