import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { invalid } from '../errors/refusals';
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

/** Responses this module parsed: a caller holding one need not parse it again. */
const parsed = new WeakSet<object>();

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
  const result: RegistrationResponse = {
    id: credential.id,
    clientData: credential.clientData,
    attestation,
    transports: known,
    attachment: credential.attachment,
    clientExtensionResults: credential.clientExtensionResults,
    json,
  };
  parsed.add(result);
  return result;
}

/**
 * The parsed response: `value` itself when this module already parsed it (the HTTP handler's shape
 * check does, and hands its result on), else parsed now. The bytes of a response are decoded once.
 */
export function registrationResponseOf(value: unknown): RegistrationResponse {
  return typeof value === 'object' && value !== null && parsed.has(value)
    ? (value as RegistrationResponse)
    : parseRegistrationResponse(value);
}
