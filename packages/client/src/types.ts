/**
 * The client's view of the protocol's wire types (docs/design.md), declared here so the browser bundle never
 * depends on `@acme/passkey-core` at runtime (or at type level for consumers).
 */

/** Where the new passkey should live; the server turns it into WebAuthn hints. */
export type AuthenticatorChoice = 'this-device' | 'other-device' | 'security-key' | 'any';

/** A passkey as an app may show it (`PasskeyView` of `@acme/passkey-core`), dates revived to `Date`. */
export interface PasskeyView {
  /** base64url credential ID. */
  id: string;
  name: string;
  provider: { name: string } | null;
  createdAt: Date;
  /** `null` before the first use. */
  lastUsedAt: Date | null;
  /** Backed up (synced to a cloud account). */
  synced: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  attachment: 'platform' | 'cross-platform' | null;
  /** Supports the PRF extension (WebAuthn L3 §10.1.4): the app can derive keys from it at sign-in. */
  prf: boolean;
}

/** The account's names, as the browser's passkey pickers show them. */
export interface UserDetails {
  name: string;
  displayName: string;
}

/** Codes the server answers with (docs/design.md, "Errors"). */
export type ServerErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_NAME'
  | 'NOT_SIGNED_IN'
  | 'STEP_UP_REQUIRED'
  | 'CROSS_SITE_REQUEST'
  | 'AUTHENTICATOR_NOT_ALLOWED'
  | 'ATTESTATION_NOT_TRUSTED'
  | 'CREDENTIAL_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PASSKEY_LIMIT_REACHED'
  | 'CREDENTIAL_ALREADY_REGISTERED'
  | 'CONFIRMATION_REQUIRED'
  | 'RECEIPT_REPLAYED'
  | 'CEREMONY_NOT_FOUND'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ORIGIN_MISMATCH'
  | 'RP_ID_MISMATCH'
  | 'USER_VERIFICATION_REQUIRED'
  | 'VERIFICATION_FAILED'
  | 'COUNTER_REGRESSION'
  | 'RECEIPT_INVALID'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'STORE_UNAVAILABLE';

/**
 * Codes the client adds: the request never got an answer (`NETWORK_ERROR`), the answer
 * was not the protocol's JSON (`INVALID_RESPONSE`), or the authenticator failed in a way that
 * is none of the typed outcomes (`WEBAUTHN_ERROR`, e.g. `UnknownError`).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'INVALID_RESPONSE' | 'WEBAUTHN_ERROR';

/** Every code an `{ status: 'error' }` outcome may carry. */
export type PasskeyErrorCode = ServerErrorCode | ClientErrorCode;

/** The server's `{ error: { code, message, details? } }`, or the client's own failure. */
export interface PasskeyClientError {
  code: PasskeyErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
