import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { invalid } from '../internal/input';
import { type AttestationObject, parseAttestationObject } from './attestation-object';
import type { ClientData } from './client-data';
import { type Attachment, binary, parseCredentialJson } from './response-json';

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** A `RegistrationResponseJSON`, checked and decoded once: what every registration step reads. */
export interface RegistrationResponse {
  /** The credential ID, unpadded base64url. */
  id: string;
  clientData: ClientData;
  attestation: AttestationObject;
  /** Known transports only, as `getTransports()` reported them. */
  transports: string[];
  attachment: Attachment;
  clientExtensionResults: Record<string, unknown>;
  /**
   * The response, unpadded, in the form SimpleWebAuthn's attestation statement verification
   * takes: its per-format verifiers are not exported, so for a format other than `none` it reads
   * this JSON itself.
   */
  json: RegistrationResponseJSON;
}

/**
 * Parses a browser's `RegistrationResponseJSON` (L3 §5.1.3): the shared members, the attestation
 * object with its authenticator data and public key, and the transports (at most 10 strings;
 * unknown ones dropped). Junk is INVALID_REQUEST; the ceremony is not touched.
 */
export function parseRegistrationResponse(value: unknown): RegistrationResponse {
  const credential = parseCredentialJson(value);
  const { response } = credential;
  const attestation = parseAttestationObject(
    binary(response.attestationObject, 'response.attestationObject'),
  );
  const transports = response.transports ?? [];
  if (!Array.isArray(transports) || transports.length > 10 || transports.some((t) => typeof t !== 'string')) {
    invalid('response.transports must be an array of strings');
  }
  const known = transports.filter((t: string) => TRANSPORTS.has(t));
  const json = {
    ...(value as Record<string, unknown>),
    id: credential.id,
    rawId: credential.id,
    clientExtensionResults: credential.clientExtensionResults,
    response: { ...response, transports: known },
  } as unknown as RegistrationResponseJSON;
  return {
    id: credential.id,
    clientData: credential.clientData,
    attestation,
    transports: known,
    attachment: credential.attachment,
    clientExtensionResults: credential.clientExtensionResults,
    json,
  };
}
