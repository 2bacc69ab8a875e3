import { isPasskeyError } from '@acme/passkey-core';

/** The demo's own error codes; passkey errors keep the SDK's codes. */
export type DemoErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_USERNAME'
  | 'INVALID_PASSWORD'
  | 'USERNAME_TAKEN'
  | 'WRONG_CREDENTIALS'
  | 'NOT_SIGNED_IN'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_NOT_OPEN'
  | 'RECEIPT_REQUIRED'
  | 'CROSS_SITE_REQUEST'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BODY_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'NOT_FOUND';

const STATUS: Record<DemoErrorCode, number> = {
  INVALID_REQUEST: 400,
  INVALID_USERNAME: 400,
  INVALID_PASSWORD: 400,
  RECEIPT_REQUIRED: 400,
  WRONG_CREDENTIALS: 401,
  NOT_SIGNED_IN: 401,
  CROSS_SITE_REQUEST: 403,
  ORDER_NOT_FOUND: 404,
  NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  ORDER_NOT_OPEN: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
};

/**
 * A refusal of one of the demo's own routes, answered as `{ error: { code, message, details? } }`;
 * `RATE_LIMITED` carries `details.retryAfterSeconds`, sent as `Retry-After` too.
 */
export class DemoError extends Error {
  readonly status: number;
  constructor(
    readonly code: DemoErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds: number },
  ) {
    super(message);
    this.name = 'DemoError';
    this.status = STATUS[code];
  }
}

/** The JSON response of an error: the demo's, the SDK's (`PasskeyError`), or an internal one. */
export function errorResponse(err: unknown): Response {
  if (err instanceof DemoError) {
    const { code, message, details } = err;
    const retry = details ? { 'retry-after': String(details.retryAfterSeconds) } : undefined;
    return jsonResponse(err.status, { error: { code, message, ...(details ? { details } : {}) } }, retry);
  }
  if (isPasskeyError(err)) return jsonResponse(err.status, err.toJSON());
  console.error('demo: internal error', err);
  return jsonResponse(500, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong' } });
}

/** JSON that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: h });
}
