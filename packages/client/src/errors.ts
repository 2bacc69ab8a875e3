/**
 * The protocol's errors as the browser sees them (docs/design.md, "Errors"). Declared here
 * rather than imported from `@acme/passkey-core`, so that an app installs no other package for
 * them and the bundle stays small: core's built entry keeps its whole AAGUID catalogue when a
 * bundler takes one constant from it. The client's tests prove the lists equal core's.
 */

/** The server's codes, in the order of the error table. */
const SERVER_CODES = [
  'INVALID_REQUEST',
  'INVALID_NAME',
  'NOT_SIGNED_IN',
  'STEP_UP_REQUIRED',
  'CROSS_SITE_REQUEST',
  'AUTHENTICATOR_NOT_ALLOWED',
  'ATTESTATION_NOT_TRUSTED',
  'PASSKEY_ON_HOLD',
  'CREDENTIAL_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PASSKEY_LIMIT_REACHED',
  'CREDENTIAL_ALREADY_REGISTERED',
  'CONFIRMATION_REQUIRED',
  'RECEIPT_REPLAYED',
  'CEREMONY_NOT_FOUND',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ORIGIN_MISMATCH',
  'RP_ID_MISMATCH',
  'USER_VERIFICATION_REQUIRED',
  'VERIFICATION_FAILED',
  'COUNTER_REGRESSION',
  'RECEIPT_INVALID',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'STORE_UNAVAILABLE',
] as const;

const CLIENT_CODES = ['NETWORK_ERROR', 'INVALID_RESPONSE', 'WEBAUTHN_ERROR'] as const;

/** Codes the server answers with: the same union as `PasskeyErrorCode` of `@acme/passkey-server`. */
export type ServerErrorCode = (typeof SERVER_CODES)[number];

/**
 * Codes the client adds: the request never got an answer (`NETWORK_ERROR`), the answer
 * was not the protocol's JSON (`INVALID_RESPONSE`), or the authenticator failed in a way that
 * is none of the typed outcomes (`WEBAUTHN_ERROR`, e.g. `UnknownError`).
 */
export type ClientErrorCode = (typeof CLIENT_CODES)[number];

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

const CODES: readonly string[] = [...SERVER_CODES, ...CLIENT_CODES];

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
