import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A Fetch-API handler such as `createPasskeyHandler`'s: null means "not my route". */
export type FetchHandler = (request: Request) => Promise<Response | null>;

/**
 * A Node stream as a Fetch body, read only as the handler reads it: a body it leaves unread stays
 * untouched, and Node discards it once the answer is sent.
 */
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

export interface FetchHandlerOptions {
  handle: FetchHandler;
  /** The handler's `basePath`: this plugin routes it and everything below it. */
  basePath: string;
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

/**
 * A Fastify plugin around a Fetch handler. Its content-type parsers are scoped to it: every body
 * is left unread (any Content-Type, no Fastify body limit) for the handler's own checks. A
 * malformed `Host` header or request target is answered 400 in the handler's error shape.
 */
export async function fetchHandler(app: FastifyInstance, { handle, basePath, origin }: FetchHandlerOptions) {
  const base = new URL(origin).origin;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  async function route(request: FastifyRequest, reply: FastifyReply) {
    const url = urlOf(base, request.headers.host, request.url);
    if (url === null) {
      return reply
        .code(400)
        .send({ error: { code: 'INVALID_REQUEST', message: 'Malformed Host header or URL' } });
    }
    const headers = new Headers();
    const raw = request.raw.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
    const body = request.body instanceof Readable ? bodyOf(request.body) : null;
    const init = { method: request.method, headers, body, duplex: 'half' };
    const response = await handle(new Request(url, init));
    // Fastify sends a Fetch Response as is: status, every header (each Set-Cookie apart), body stream.
    return response ?? reply.callNotFound();
  }
  app.all(basePath, route);
  app.all(`${basePath}/*`, route);
}
