import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  type ParsedAuthenticatorData,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { fromBase64Url, isBase64Url } from './encoding';
import { invalid, isObject } from './input';

/** The parts of `clientDataJSON` a server checks (WebAuthn §5.8.1). */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
}

/** A response whose shape is valid and whose binary parts decode. */
export interface DecodedResponse<J> {
  json: J;
  clientData: ClientData;
  authData: ParsedAuthenticatorData;
}

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
const MAX_CREDENTIAL_ID = 1366; // 1023 bytes (WebAuthn §5.8.3 credential ID limit), base64url

function decodeClientData(value: unknown): ClientData {
  if (!isBase64Url(value)) invalid('response.clientDataJSON must be base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(value)));
  } catch (err) {
    invalid('response.clientDataJSON is not UTF-8 JSON', err);
  }
  if (
    !isObject(parsed) ||
    ![parsed.type, parsed.challenge, parsed.origin].every((v) => typeof v === 'string')
  ) {
    invalid('response.clientDataJSON lacks type, challenge or origin');
  }
  return parsed as unknown as ClientData;
}

function parseAuthData(bytes: Uint8Array, what: string): ParsedAuthenticatorData {
  try {
    return parseAuthenticatorData(bytes as Uint8Array<ArrayBuffer>);
  } catch (err) {
    return invalid(`${what} is not valid authenticator data`, err);
  }
}

const BINARY_FIELDS = ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle'];

/** Drops `=` padding: browsers never pad, but some clients and libraries do (RFC 4648 §5 allows it). */
const unpad = (v: unknown) =>
  typeof v === 'string' && /^[A-Za-z0-9_-]*={1,2}$/.test(v) ? v.replace(/=+$/, '') : v;

function common(value: unknown): { body: Record<string, unknown>; response: Record<string, unknown> } {
  if (!isObject(value)) invalid('response must be an object');
  const raw = value.response;
  const response = isObject(raw)
    ? { ...raw, ...Object.fromEntries(BINARY_FIELDS.filter((f) => f in raw).map((f) => [f, unpad(raw[f])])) }
    : raw;
  const body: Record<string, unknown> = {
    ...value,
    id: unpad(value.id),
    rawId: unpad(value.rawId),
    response,
  };
  const { id, rawId, type, clientExtensionResults, authenticatorAttachment } = body;
  if (!isBase64Url(id, MAX_CREDENTIAL_ID) || id.length === 0)
    invalid('response.id must be a base64url credential ID');
  if (rawId !== id) invalid('response.rawId must equal response.id');
  if (type !== 'public-key') invalid('response.type must be "public-key"');
  if (!isObject(response)) invalid('response.response must be an object');
  if (clientExtensionResults !== undefined && !isObject(clientExtensionResults)) {
    invalid('response.clientExtensionResults must be an object');
  }
  const attachments = [undefined, null, 'platform', 'cross-platform'];
  if (!attachments.includes(authenticatorAttachment as string))
    invalid('response.authenticatorAttachment is invalid');
  return { body, response };
}

/** Checks a `RegistrationResponseJSON` and decodes its parts; junk is `INVALID_REQUEST`, never a TypeError. */
export function decodeRegistrationResponse(value: unknown): DecodedResponse<RegistrationResponseJSON> {
  const { body, response } = common(value);
  const clientData = decodeClientData(response.clientDataJSON);
  if (!isBase64Url(response.attestationObject)) invalid('response.attestationObject must be base64url');
  let authDataBytes: Uint8Array;
  try {
    authDataBytes = decodeAttestationObject(fromBase64Url(response.attestationObject)).get('authData');
  } catch (err) {
    invalid('response.attestationObject is not a CBOR attestation object', err);
  }
  if (!(authDataBytes instanceof Uint8Array)) invalid('response.attestationObject lacks authData');
  const authData = parseAuthData(authDataBytes, 'attestationObject.authData');
  if (!authData.credentialID || !authData.credentialPublicKey)
    invalid('authenticator data carries no credential');
  const transports = response.transports ?? [];
  if (!Array.isArray(transports) || transports.length > 10 || transports.some((t) => typeof t !== 'string')) {
    invalid('response.transports must be an array of strings');
  }
  const json = {
    ...body,
    clientExtensionResults: body.clientExtensionResults ?? {},
    response: { ...response, transports: transports.filter((t: string) => TRANSPORTS.has(t)) },
  } as unknown as RegistrationResponseJSON;
  return { json, clientData, authData };
}

/** Checks an `AuthenticationResponseJSON` and decodes its parts. */
export function decodeAuthenticationResponse(value: unknown): DecodedResponse<AuthenticationResponseJSON> {
  const { body, response } = common(value);
  const clientData = decodeClientData(response.clientDataJSON);
  if (!isBase64Url(response.authenticatorData)) invalid('response.authenticatorData must be base64url');
  const authData = parseAuthData(fromBase64Url(response.authenticatorData), 'response.authenticatorData');
  if (!isBase64Url(response.signature, 2048) || response.signature.length === 0) {
    invalid('response.signature must be base64url');
  }
  const { userHandle } = response;
  if (
    userHandle !== undefined &&
    userHandle !== null &&
    (!isBase64Url(userHandle, 128) || userHandle === '')
  ) {
    invalid('response.userHandle must be base64url');
  }
  const json = {
    ...body,
    clientExtensionResults: body.clientExtensionResults ?? {},
  } as unknown as AuthenticationResponseJSON;
  return { json, clientData, authData };
}
