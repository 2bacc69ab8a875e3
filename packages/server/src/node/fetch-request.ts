import type { IncomingMessage } from 'node:http';
import { malformed } from '../errors/refusals';
import { remember } from './node-request';
import { announcesBody, readBodyAtOnce, requestBody } from './request-body';
import { requestUrl } from './request-url';

/** Methods a Fetch `Request` cannot carry (Fetch §2.2.1 forbidden methods): never a handler's. */
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A Node request as a Fetch `Request` on the configured origin: the method, every header line
 * (HTTP/2 pseudo-headers left out) and the body as a lazy stream. Null for a method Fetch cannot
 * carry; `INVALID_REQUEST` for a malformed Host, target or header.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  handler?: { owns?(pathname: string): boolean; maxBodyBytes?: number },
): Promise<Request | null> {
  const method = req.method ?? 'GET';
  if (FORBIDDEN.has(method.toUpperCase())) return null;
  const url = requestUrl(req, origin);
  // A path the handler does not own: no Request at all, the body untouched for the app.
  const owned = handler?.owns?.(url.pathname);
  if (owned === false) return null;
  const headers = new Headers();
  try {
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string;
      if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1] ?? '');
    }
  } catch (err) {
    throw malformed('Malformed header', err);
  }
  const withBody = method !== 'GET' && method !== 'HEAD' && announcesBody(req);
  if (!withBody) return remember(new Request(url, { method, headers }), req);
  const cap = handler?.maxBodyBytes;
  const whole = owned === true && cap !== undefined ? await readBodyAtOnce(req, cap) : null;
  if (whole !== null)
    return remember(new Request(url, { method, headers, body: whole as Uint8Array<ArrayBuffer> }), req);
  // `duplex` is Fetch's, not yet in TypeScript's RequestInit: a body streamed in while answering.
  return remember(
    new Request(url, { method, headers, body: requestBody(req), duplex: 'half' } as RequestInit),
    req,
  );
}
