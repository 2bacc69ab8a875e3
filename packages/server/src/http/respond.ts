import { isPasskeyError, type PasskeyError } from '@acme/passkey-core';
import type { PasskeyLogger } from '../config/config';
import { internalError } from '../errors/refusals';

const encoder = new TextEncoder();

/** A JSON response that no cache keeps; `extra` are an app hook's headers (e.g. Set-Cookie). */
export function json(status: number, body: unknown, extra?: HeadersInit | void): Response {
  const headers = new Headers(extra ?? undefined);
  const bytes = encoder.encode(JSON.stringify(body));
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('content-length', String(bytes.byteLength));
  return new Response(bytes, { status, headers });
}

/**
 * The error response: a PasskeyError as `{ error: { code, message, details? } }` with its one
 * status; anything else is logged and answered as a bare INTERNAL_ERROR that reveals nothing.
 * `allow` lists a route's methods (405); a 413 closes the connection, since the rest of the body
 * was never read (some servers reset a kept-alive connection there).
 */
export function errorResponse(err: unknown, logger: PasskeyLogger, allow?: readonly string[]): Response {
  let error: PasskeyError;
  if (isPasskeyError(err)) {
    error = err;
    if (error.code === 'STORE_UNAVAILABLE') logger.error('passkeys: store unavailable', error.cause);
    if (error.code === 'INTERNAL_ERROR') logger.error('passkeys: internal error', error.cause ?? error);
  } else {
    logger.error('passkeys: internal error', err);
    error = internalError();
  }
  const headers: Record<string, string> = allow ? { allow: allow.join(', ') } : {};
  const retryAfter = error.code === 'RATE_LIMITED' ? error.details?.retryAfterSeconds : undefined;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  if (error.code === 'BODY_TOO_LARGE') headers.connection = 'close';
  return json(error.status, error.toJSON(), headers);
}
