// RFC 9110 §7.2: Host = uri-host [ ":" port ]; a DNS name, an IPv4 address or an IPv6 literal.
const HOST = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * Refuses a request whose `Host` header is malformed with 400 in the passkey handler's error
 * shape, as RFC 9110 §7.2 requires: Node's HTTP server lets any value through. Next.js builds
 * `request.url` on its own hostname, never on `Host`, so this is hygiene, not a fix.
 */
export function proxy(request: Request): Response | undefined {
  const host = request.headers.get('host');
  if (host === null || (HOST.test(host) && URL.canParse(`http://${host}`))) return undefined;
  return Response.json(
    { error: { code: 'INVALID_REQUEST', message: 'Malformed Host header' } },
    { status: 400 },
  );
}

export const config = { matcher: '/api/:path*' };
