import { fromBase64Url, isBase64Url } from '../encoding';
import { invalid } from '../errors/refusals';
import { isObject } from '../input/validate-input';
import { type ClientData, parseClientData } from './client-data';

/** How the authenticator is attached, as the client reported it (L3 §5.4.5). */
export type Attachment = 'platform' | 'cross-platform' | null;

/** The members every `PublicKeyCredential` JSON shares, checked and decoded. */
export interface CredentialJson {
  /** The credential ID, unpadded base64url. */
  id: string;
  clientData: ClientData;
  attachment: Attachment;
  clientExtensionResults: Record<string, unknown>;
  /** `response.response`, with its binary members unpadded. */
  response: Record<string, unknown>;
}

const MAX_CREDENTIAL_ID = 1366; // 1023 bytes (L3 §7.1 step 23), in base64url
const BINARY_FIELDS = ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle'];
const ATTACHMENTS = [undefined, null, 'platform', 'cross-platform'];

/** Drops `=` padding: browsers never pad, but some clients and libraries do (RFC 4648 §5 allows it). */
export const unpad = (v: unknown) =>
  typeof v === 'string' && /^[A-Za-z0-9_-]*={1,2}$/.test(v) ? v.replace(/=+$/, '') : v;

/** Decodes a base64url member, or INVALID_REQUEST naming it. */
export function binary(value: unknown, field: string, maxLength?: number): Uint8Array<ArrayBuffer> {
  if (!isBase64Url(value, maxLength) || value.length === 0) invalid(`${field} must be base64url`);
  return fromBase64Url(value);
}

/**
 * Checks what registration and authentication responses share — `id` (base64url, at most 1023
 * bytes), `rawId` equal to it, `type` `public-key`, the attachment, the extension results — and
 * parses `clientDataJSON`. Malformed input is INVALID_REQUEST, never a TypeError.
 */
export function parseCredentialJson(value: unknown): CredentialJson {
  if (!isObject(value)) invalid('response must be an object');
  const raw = value.response;
  if (!isObject(raw)) invalid('response.response must be an object');
  const response = { ...raw };
  for (const field of BINARY_FIELDS) if (field in raw) response[field] = unpad(raw[field]);
  const id = unpad(value.id);
  if (!isBase64Url(id, MAX_CREDENTIAL_ID) || id.length === 0) {
    invalid('response.id must be a base64url credential ID');
  }
  if (unpad(value.rawId) !== id) invalid('response.rawId must equal response.id');
  if (value.type !== 'public-key') invalid('response.type must be "public-key"');
  const { clientExtensionResults, authenticatorAttachment } = value;
  if (clientExtensionResults !== undefined && !isObject(clientExtensionResults)) {
    invalid('response.clientExtensionResults must be an object');
  }
  if (!ATTACHMENTS.includes(authenticatorAttachment as string)) {
    invalid('response.authenticatorAttachment is invalid');
  }
  return {
    id,
    clientData: parseClientData(binary(response.clientDataJSON, 'response.clientDataJSON')),
    attachment: (authenticatorAttachment ?? null) as Attachment,
    clientExtensionResults: clientExtensionResults ?? {},
    response,
  };
}
