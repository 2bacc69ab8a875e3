/**
 * Every failure the SDK reports, as one class with a stable `code` (docs/design.md, "Errors").
 * Callers `switch (err.code)`; the HTTP handler answers with `status`.
 */

/** Each code and the one HTTP status it always maps to. */
export const PASSKEY_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_NAME: 400,
  NOT_SIGNED_IN: 401,
  STEP_UP_REQUIRED: 403,
  CROSS_SITE_REQUEST: 403,
  AUTHENTICATOR_NOT_ALLOWED: 403,
  ATTESTATION_NOT_TRUSTED: 403,
  PASSKEY_ON_HOLD: 403,
  CREDENTIAL_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PASSKEY_LIMIT_REACHED: 409,
  CREDENTIAL_ALREADY_REGISTERED: 409,
  CONFIRMATION_REQUIRED: 409,
  RECEIPT_REPLAYED: 409,
  CEREMONY_NOT_FOUND: 410,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ORIGIN_MISMATCH: 422,
  RP_ID_MISMATCH: 422,
  USER_VERIFICATION_REQUIRED: 422,
  VERIFICATION_FAILED: 422,
  COUNTER_REGRESSION: 422,
  RECEIPT_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  STORE_UNAVAILABLE: 503,
} as const;

/** The stable error codes. */
export type PasskeyErrorCode = keyof typeof PASSKEY_ERROR_STATUS;

/** All error codes, in the order of the error table (docs/design.md). */
export const PASSKEY_ERROR_CODES = Object.keys(PASSKEY_ERROR_STATUS) as PasskeyErrorCode[];

/** Options of a {@link PasskeyError}. */
export interface PasskeyErrorOptions {
  /** Safe, JSON-serialisable facts for the client (e.g. the removal impact). Never secrets. */
  details?: Record<string, unknown>;
  /** The underlying error, kept for logs; never sent to a client. */
  cause?: unknown;
}

/**
 * The SDK's one error type.
 *
 * @example
 * try { await passkeys.finishAuthentication(input); }
 * catch (err) { if (isPasskeyError(err) && err.code === 'CEREMONY_NOT_FOUND') restart(); }
 */
export class PasskeyError extends Error {
  override readonly name = 'PasskeyError';
  readonly code: PasskeyErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: PasskeyErrorCode, message: string, options: PasskeyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = PASSKEY_ERROR_STATUS[code];
    if (options.details !== undefined) this.details = options.details;
  }

  /** The wire shape of the HTTP protocol: `{ error: { code, message, details? } }`. */
  toJSON(): { error: { code: PasskeyErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/**
 * True for a {@link PasskeyError}, optionally of one of the given codes. Works across realms and
 * across copies of the package (two versions installed side by side), where `instanceof` fails.
 *
 * @example
 * try {
 *   await passkeys.verifyReceipt(receipt, { userId, action: 'p2p.release', details });
 * } catch (err) {
 *   if (isPasskeyError(err, 'RECEIPT_REPLAYED', 'RECEIPT_INVALID')) return passkeyErrorResponse(err);
 *   throw err;
 * }
 */
export function isPasskeyError(value: unknown, ...codes: PasskeyErrorCode[]): value is PasskeyError {
  if (value instanceof PasskeyError) return codes.length === 0 || codes.includes(value.code);
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown; status?: unknown };
  const shaped =
    v.name === 'PasskeyError' &&
    typeof v.code === 'string' &&
    Object.hasOwn(PASSKEY_ERROR_STATUS, v.code) &&
    typeof v.status === 'number';
  return shaped && (codes.length === 0 || codes.includes(v.code as PasskeyErrorCode));
}
