/**
 * The protocol's errors as the browser sees them (docs/design.md, "Errors"). Declared here
 * rather than imported from `@acme/passkey-core`, so that an app installs no other package for
 * them and the bundle stays small: core's built entry keeps its whole AAGUID catalogue when a
 * bundler takes one constant from it. The client's tests prove the lists equal core's.
 */

/**
 * Codes the server answers with, in the order of the error table: the same union as
 * `PasskeyErrorCode` of `@acme/passkey-server` (the client's type tests hold them equal).
 */
export type ServerErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_NAME'
  | 'NOT_SIGNED_IN'
  | 'STEP_UP_REQUIRED'
  | 'CROSS_SITE_REQUEST'
  | 'AUTHENTICATOR_NOT_ALLOWED'
  | 'ATTESTATION_NOT_TRUSTED'
  | 'PASSKEY_ON_HOLD'
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

/**
 * The server's `{ error: { code, message, details? } }`, or the client's own failure. A
 * server-side `PasskeyError` has this shape too, so code shared by both sides can take either.
 */
export interface PasskeyClientError {
  code: PasskeyErrorCode;
  message: string;
  /** Safe facts for the app, e.g. `availableAt` of `PASSKEY_ON_HOLD`, `methods` of `STEP_UP_REQUIRED`. */
  details?: Record<string, unknown>;
}

// The unions are written out so that the published types read as lists. This object names each
// code once more, for the check at run time: the compiler refuses a code missing here or unknown.
const KNOWN: Record<PasskeyErrorCode, true> = {
  INVALID_REQUEST: true,
  INVALID_NAME: true,
  NOT_SIGNED_IN: true,
  STEP_UP_REQUIRED: true,
  CROSS_SITE_REQUEST: true,
  AUTHENTICATOR_NOT_ALLOWED: true,
  ATTESTATION_NOT_TRUSTED: true,
  PASSKEY_ON_HOLD: true,
  CREDENTIAL_NOT_FOUND: true,
  METHOD_NOT_ALLOWED: true,
  PASSKEY_LIMIT_REACHED: true,
  CREDENTIAL_ALREADY_REGISTERED: true,
  CONFIRMATION_REQUIRED: true,
  RECEIPT_REPLAYED: true,
  CEREMONY_NOT_FOUND: true,
  BODY_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  ORIGIN_MISMATCH: true,
  RP_ID_MISMATCH: true,
  USER_VERIFICATION_REQUIRED: true,
  VERIFICATION_FAILED: true,
  COUNTER_REGRESSION: true,
  RECEIPT_INVALID: true,
  RATE_LIMITED: true,
  INTERNAL_ERROR: true,
  STORE_UNAVAILABLE: true,
  NETWORK_ERROR: true,
  INVALID_RESPONSE: true,
  WEBAUTHN_ERROR: true,
};
const CODES: readonly string[] = Object.keys(KNOWN);

/**
 * True for an error of this protocol, optionally of one of the given codes (the code is then
 * narrowed to them): an outcome's `error`, the `error` of a JSON body the app's own routes
 * answer in the protocol's shape (a P2P release that calls `verifyReceipt`, say), or a
 * `PasskeyError`. Anything else is false, an app's own codes included.
 *
 * @example
 * const body = await (await fetch('/api/p2p/release', { method: 'POST', body })).json();
 * if (isPasskeyError(body.error, 'RECEIPT_REPLAYED')) showAlreadyReleased();
 */
export function isPasskeyError<C extends PasskeyErrorCode = PasskeyErrorCode>(
  value: unknown,
  ...codes: C[]
): value is PasskeyClientError & { code: C } {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, details } = value as Record<string, unknown>;
  return (
    typeof message === 'string' &&
    (details === undefined || (typeof details === 'object' && details !== null)) &&
    (codes.length ? (codes as string[]) : CODES).includes(code as string)
  );
}
