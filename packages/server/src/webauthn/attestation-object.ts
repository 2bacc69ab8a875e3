import { invalid } from '../errors/refusals';
import {
  type AttestedCredential,
  type AuthenticatorData,
  parseAuthenticatorData,
} from './authenticator-data';
import { type CborValue, decodeCbor, isCborMap } from './cbor';
import type { CoseKey } from './cose-key';

/** A registration's authenticator data: it always carries the new credential. */
export interface AttestedAuthenticatorData extends AuthenticatorData {
  attested: AttestedCredential;
}

/** An attestation object (L3 §6.5.4), each part decoded once. */
export interface AttestationObject {
  /** The attestation statement format identifier, e.g. `none`, `packed`. */
  fmt: string;
  /** The attestation statement, as its format defines it. */
  attStmt: Map<string | number, CborValue>;
  authData: AttestedAuthenticatorData;
  /** The new credential's public key, checked. */
  publicKey: CoseKey;
}

/**
 * Parses an attestation object (L3 §7.1 step 11): a CBOR map of `fmt` (a text string), `attStmt`
 * (a map) and `authData` (bytes), nothing after it; then the authenticator data, which must carry
 * attested credential data, and its COSE public key. Malformed input is INVALID_REQUEST.
 */
export function parseAttestationObject(bytes: Uint8Array): AttestationObject {
  const object = decodeCbor(bytes, 'response.attestationObject');
  if (!isCborMap(object)) invalid('response.attestationObject is not a CBOR map');
  const fmt = object.get('fmt');
  const attStmt = object.get('attStmt');
  const authDataBytes = object.get('authData');
  if (typeof fmt !== 'string' || fmt.length === 0 || fmt.length > 32) {
    invalid('attestationObject.fmt must be a format identifier');
  }
  if (!isCborMap(attStmt)) invalid('attestationObject.attStmt must be a CBOR map');
  if (!(authDataBytes instanceof Uint8Array)) invalid('attestationObject.authData must be a byte string');
  const authData = parseAuthenticatorData(authDataBytes);
  if (authData.attested === undefined) invalid('the authenticator data carries no attested credential data');
  return {
    fmt,
    attStmt,
    authData: authData as AttestedAuthenticatorData,
    publicKey: authData.attested.key,
  };
}
