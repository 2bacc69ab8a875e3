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
}

/**
 * A Fastify plugin around a Fetch handler. Its content-type parsers are scoped to it: every body
 * is left unread (any Content-Type, no Fastify body limit) for the handler's own checks.
 */
export async function fetchHandler(app: FastifyInstance, { handle, basePath }: FetchHandlerOptions) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  async function route(request: FastifyRequest, reply: FastifyReply) {
    const headers = new Headers();
    const raw = request.raw.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
    const body = request.body instanceof Readable ? bodyOf(request.body) : null;
    const init = { method: request.method, headers, body, duplex: 'half' };
    const response = await handle(new Request(`${request.protocol}://${request.host}${request.url}`, init));
    // Fastify sends a Fetch Response as is: status, every header (each Set-Cookie apart), body stream.
    return response ?? reply.callNotFound();
  }
  app.all(basePath, route);
  app.all(`${basePath}/*`, route);
}
