import type { Readable } from 'node:stream';
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';

/** A Fetch-API handler such as `createPasskeyHandler`'s: null means "not my route". */
export type FetchHandler = (request: Request) => Promise<Response | null>;

/** Options of {@link fetchHandler}. */
export interface FetchHandlerOptions {
  /**
   * The site's origin, e.g. `https://example.com`: request URLs are built on it, never on the
   * `Host` header, which the client chooses.
   */
  origin: string;
}

// RFC 9110 §7.2: Host = uri-host [ ":" port ]; a DNS name, an IPv4 address or an IPv6 literal.
const HOST = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** The request's URL on the configured origin; null for a malformed `Host` or a target that is not a path. */
function urlOf(origin: string, host: string | undefined, target: string): URL | null {
  // No Host: HTTP/1.0 (Node answers an HTTP/1.1 request without one itself).
  const hostOk = host === undefined || (HOST.test(host) && URL.canParse(`http://${host}`));
  if (!hostOk || !target.startsWith('/')) return null;
  return URL.parse(origin + target);
}

/** A Node stream as a Fetch body, read only as the handler reads it, so `next()` finds it untouched. */
function bodyOf(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream.iterator({ destroyOnReturn: false });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      // The handler stops reading a body that is too large: discard the rest, so its 413 still goes out.
      async cancel() {
        await chunks.return?.();
        stream.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Express middleware around a Fetch handler. Mount it before any body parser (`express.json()`).
 * A malformed `Host` header or request target is answered 400 in the handler's error shape.
 */
export function fetchHandler(handle: FetchHandler, { origin }: FetchHandlerOptions) {
  const base = new URL(origin).origin;
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const url = urlOf(base, req.headers.host, req.originalUrl);
    if (url === null) {
      res.status(400).json({ error: { code: 'INVALID_REQUEST', message: 'Malformed Host header or URL' } });
      return;
    }
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const init = { method: req.method, headers, body: hasBody ? bodyOf(req) : null, duplex: 'half' };
    const response = await handle(new Request(url, init));
    if (response === null) return next();
    res.status(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') res.setHeader(name, value);
    });
    const cookies = response.headers.getSetCookie(); // one entry per cookie: never joined with commas
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.end(Buffer.from(await response.arrayBuffer())); // the handler answers small JSON documents
  };
}
