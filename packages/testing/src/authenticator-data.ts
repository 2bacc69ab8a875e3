import { createHash } from 'node:crypto';
import { concatBytes } from './base64url';

/** The authenticator data flags this authenticator can set (L3 §6.1, "flags"). */
export interface AuthenticatorFlags {
  /** User Present (bit 0). */
  up: boolean;
  /** User Verified (bit 2). */
  uv: boolean;
  /** Backup Eligible (bit 3). */
  be: boolean;
  /** Backup State (bit 4). */
  bs: boolean;
}

/** The attested credential data of a registration (L3 §6.5.2). */
export interface AttestedCredentialData {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  cosePublicKey: Uint8Array;
}

/** SHA-256, the hash of the RP ID and of clientDataJSON. */
export function sha256(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function flagsByte(flags: AuthenticatorFlags, attested: boolean, extensions: boolean): number {
  return (
    (flags.up ? 0x01 : 0) |
    (flags.uv ? 0x04 : 0) |
    (flags.be ? 0x08 : 0) |
    (flags.bs ? 0x10 : 0) |
    (attested ? 0x40 : 0) |
    (extensions ? 0x80 : 0)
  );
}

/**
 * Lays out authenticator data (L3 §6.1): rpIdHash (32) || flags (1) || signCount (4, big-endian)
 * || attestedCredentialData (registration only: aaguid (16) || credentialIdLength (2) ||
 * credentialId || COSE public key) || extensions (a CBOR map, with the ED flag; only
 * `hmac-secret` is ever emitted).
 */
export function encodeAuthenticatorData(input: {
  rpId: string;
  flags: AuthenticatorFlags;
  counter: number;
  attested?: AttestedCredentialData;
  extensions?: Uint8Array;
}): Uint8Array<ArrayBuffer> {
  const head = new Uint8Array(37);
  head.set(sha256(input.rpId), 0);
  const extensions = input.extensions ?? new Uint8Array(0);
  head[32] = flagsByte(input.flags, input.attested !== undefined, extensions.length > 0);
  new DataView(head.buffer).setUint32(33, input.counter >>> 0, false);
  if (!input.attested) return concatBytes(head, extensions);
  const { aaguid, credentialId, cosePublicKey } = input.attested;
  const idLength = new Uint8Array(2);
  new DataView(idLength.buffer).setUint16(0, credentialId.length, false);
  return concatBytes(head, aaguid, idLength, credentialId, cosePublicKey, extensions);
}
