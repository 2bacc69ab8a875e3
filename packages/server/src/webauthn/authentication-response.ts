import { isBase64Url } from '../encoding';
import { invalid } from '../errors/refusals';
import { type AuthenticatorData, parseAuthenticatorData } from './authenticator-data';
import type { ClientData } from './client-data';
import { type Attachment, binary, parseCredentialJson } from './response-json';

/** An `AuthenticationResponseJSON`, checked and decoded once: what every sign-in step reads. */
export interface AuthenticationResponse {
  /** The credential ID, unpadded base64url. */
  id: string;
  clientData: ClientData;
  authData: AuthenticatorData;
  signature: Uint8Array;
  /** The user handle, unpadded base64url; null when the authenticator returned none. */
  userHandle: string | null;
  attachment: Attachment;
  clientExtensionResults: Record<string, unknown>;
}

/** Responses this module parsed: a caller holding one need not parse it again. */
const parsed = new WeakSet<object>();

/**
 * Parses a browser's `AuthenticationResponseJSON` (L3 §5.1.4): the shared members, then the
 * authenticator data, the signature (at most 2048 characters of base64url) and the optional user
 * handle (1–64 bytes, L3 §5.4.3). Junk is INVALID_REQUEST; the ceremony is not touched.
 */
export function parseAuthenticationResponse(value: unknown): AuthenticationResponse {
  const { id, clientData, attachment, clientExtensionResults, response } = parseCredentialJson(value);
  const authData = parseAuthenticatorData(binary(response.authenticatorData, 'response.authenticatorData'));
  const signature = binary(response.signature, 'response.signature', 2048);
  const { userHandle } = response;
  if (
    userHandle !== undefined &&
    userHandle !== null &&
    (!isBase64Url(userHandle, 128) || userHandle === '')
  ) {
    invalid('response.userHandle must be base64url');
  }
  const result: AuthenticationResponse = {
    id,
    clientData,
    authData,
    signature,
    userHandle: (userHandle ?? null) as string | null,
    attachment,
    clientExtensionResults,
  };
  parsed.add(result);
  return result;
}

/**
 * The parsed response: `value` itself when this module already parsed it (the HTTP handler's shape
 * check does, and hands its result on), else parsed now. The bytes of a response are decoded once.
 */
export function authenticationResponseOf(value: unknown): AuthenticationResponse {
  return typeof value === 'object' && value !== null && parsed.has(value)
    ? (value as AuthenticationResponse)
    : parseAuthenticationResponse(value);
}
