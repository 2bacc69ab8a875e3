import type { IncomingMessage } from 'node:http';
import { malformed } from '../errors/refusals';

// RFC 9110 §7.2: Host = uri-host [ ":" port ], a reg-name, an IPv4 address or an IP literal.
const HOST = /^(?:[A-Za-z0-9_.~-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * The configured public origin, checked once: `https://example.com` (a trailing `/` allowed), never
 * a path, query or credentials, which a request URL built on it would silently drop or carry.
 */
export function parseOrigin(origin: unknown, caller: string): string {
  const url = typeof origin === 'string' && URL.canParse(origin) ? new URL(origin) : null;
  const plain =
    url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if (!plain)
    throw new TypeError(`${caller}: origin must be the app's public origin, e.g. https://example.com`);
  return url.origin;
}

function hostLines(req: IncomingMessage): string[] {
  const lines: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === 'host') lines.push(req.rawHeaders[i + 1] ?? '');
  }
  return lines;
}

/**
 * The request's URL on the configured origin: never on the `Host` header, which the client
 * chooses. RFC 9112 §3.2: a request with several `Host` lines or a malformed one is answered 400
 * (`INVALID_REQUEST`), as is a target that is not a path (absolute or asterisk form). Express's
 * `originalUrl` keeps the path a mount strips from `url`.
 */
export function requestUrl(req: IncomingMessage, origin: string): URL {
  const hosts = hostLines(req);
  // No Host at all: HTTP/1.0, or HTTP/2 (`:authority`); Node refuses an HTTP/1.1 request without one.
  const [host] = hosts;
  if (
    hosts.length > 1 ||
    (host !== undefined && host !== '' && !(HOST.test(host) && URL.canParse(`http://${host}`)))
  ) {
    throw malformed('Malformed Host header');
  }
  const target = (req as { originalUrl?: unknown }).originalUrl ?? req.url;
  // Appended to the origin, a target that starts with `/` can only ever be a path on it.
  if (typeof target !== 'string' || !target.startsWith('/') || !URL.canParse(origin + target)) {
    throw malformed('The request target must be a path');
  }
  return new URL(origin + target);
}
