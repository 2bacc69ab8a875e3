import type { KeyObject } from 'node:crypto';
import type { AlgorithmName } from '../algorithms';
import { sha256 } from '../authenticator-data';
import { encodeCbor } from '../cbor';
import { AuthenticatorError } from '../errors';
import type { AttestationCa } from './ca';
import { fidoU2fStatement } from './fido-u2f';
import { packedFullStatement, packedSelfStatement } from './packed';

/** The attestation this authenticator produces: `packed` self or with a certificate chain, etc. */
export type AttestationFormatName = 'none' | 'packed-self' | 'packed-x5c' | 'fido-u2f';

/** Everything an attestation statement may sign over. */
export interface AttestationInput {
  format: AttestationFormatName;
  algorithm: AlgorithmName;
  credentialKey: KeyObject;
  credentialId: Uint8Array;
  cosePublicKey: Map<number, number | Uint8Array>;
  authData: Uint8Array;
  clientDataJSON: Uint8Array;
  aaguid: Uint8Array;
  ca: () => AttestationCa;
  /** Fault: flip the last byte of the attestation signature. */
  badSignature: boolean;
}

function statementFor(input: AttestationInput): { fmt: string; attStmt: Map<string, unknown> } {
  const clientDataHash = sha256(input.clientDataJSON);
  const { authData } = input;
  switch (input.format) {
    case 'none':
      return { fmt: 'none', attStmt: new Map() };
    case 'packed-self':
      return { fmt: 'packed', attStmt: packedSelfStatement({ ...input, clientDataHash }) };
    case 'packed-x5c': {
      const attestation = input.ca().attestationCertificate(input.aaguid);
      return { fmt: 'packed', attStmt: packedFullStatement({ attestation, authData, clientDataHash }) };
    }
    case 'fido-u2f': {
      const attestation = input.ca().attestationCertificate(input.aaguid);
      const rpIdHash = authData.slice(0, 32);
      return {
        fmt: 'fido-u2f',
        attStmt: fidoU2fStatement({ ...input, attestation, rpIdHash, clientDataHash }),
      };
    }
  }
}

/**
 * Builds the attestation object (WebAuthn L3 §6.5.4): the CBOR map `{fmt, attStmt, authData}`,
 * keys in CTAP2 canonical order.
 */
export function encodeAttestationObject(input: AttestationInput): Uint8Array {
  const { fmt, attStmt } = statementFor(input);
  if (input.badSignature) {
    const sig = attStmt.get('sig');
    if (!(sig instanceof Uint8Array)) {
      throw new AuthenticatorError('ConstraintError', 'badSignature needs a signed attestation format');
    }
    attStmt.set('sig', flipLastByte(sig));
  }
  return encodeCbor(
    new Map<string, unknown>([
      ['fmt', fmt],
      ['attStmt', attStmt],
      ['authData', input.authData],
    ]),
  );
}

/** Corrupts a signature while keeping its encoding valid: the last byte is XOR-ed with 0xff. */
export function flipLastByte(signature: Uint8Array): Uint8Array {
  const copy = signature.slice();
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0xff;
  return copy;
}
