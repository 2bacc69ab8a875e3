// RFC 9110 §7.2: Host = uri-host [ ":" port ]; a DNS name, an IPv4 address or an IPv6 literal.
const HOST = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * A 400 in the passkey handler's error shape for a request whose `Host` header is malformed, as
 * RFC 9110 §7.2 requires (Node's HTTP server lets any value through), else null. Next.js builds
 * `request.url` on its own host name, never on `Host`: this is hygiene, not a fix. It runs in the
 * route handler rather than in `proxy.ts`, because Next.js buffers the whole body of a request
 * that passes through a proxy before the route sees it, and the handler's 413 would then come
 * only after the last byte.
 */
export function malformedHost(request: Request): Response | null {
  const host = request.headers.get('host');
  if (host === null || (HOST.test(host) && URL.canParse(`http://${host}`))) return null;
  return Response.json(
    { error: { code: 'INVALID_REQUEST', message: 'Malformed Host header' } },
    { status: 400 },
  );
}
