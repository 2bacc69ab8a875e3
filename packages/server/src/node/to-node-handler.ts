import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPasskeyError } from '@acme/passkey-core';
import { toFetchRequest } from './fetch-request';
import { parseOrigin } from './request-url';
import { sendResponse } from './send-response';

/**
 * A Fetch-API handler, as `createPasskeyHandler` makes: `null` for a route that is not its own.
 * When it says which paths it owns and how large a body it takes (as the passkey handler does),
 * the adapter reads a body it owns in one go and never builds a request for a path it does not.
 */
export type FetchHandler = ((request: Request) => Response | null | Promise<Response | null>) & {
  owns?(pathname: string): boolean;
  maxBodyBytes?: number;
};

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * The app's public origin, e.g. `https://example.com`: request URLs are built on it, never on
   * the `Host` header, which the client chooses.
   */
  origin: string;
}

/** The Fetch handler as Node middleware, and as a function for frameworks that send a `Response` themselves. */
export interface NodeHandler {
  /**
   * Answers the request, or calls `next()` (with the body unread) for a route that is not the
   * handler's; without `next`, a bare 404. Never rejects: an error the handler throws goes to
   * `next(err)`, or is a bare 500.
   */
  (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): Promise<void>;
  /**
   * The handler's `Response` for a Node request (a 400 for a malformed one), or null: for
   * Fastify, which sends a `Response` itself. Rejects only when the handler throws.
   */
  respond(req: IncomingMessage): Promise<Response | null>;
}

/**
 * Turns a Fetch handler into Node middleware for node:http, Express 4 and 5, Connect, and (with
 * `respond`) Fastify. Mount it before any body parser: the handler reads the raw body itself,
 * with its own size limit, Content-Type and JSON checks. A body a parser already read is logged
 * as an error naming the fix and answered with a bare 500 `INTERNAL_ERROR`; a malformed `Host`
 * or a target that is not a path is a 400 `INVALID_REQUEST`.
 *
 * @example
 * const passkeys = toNodeHandler(handle, { origin: 'https://example.com' });
 * // node:http
 * http.createServer(passkeys).listen(3000);
 * // Express: before express.json()
 * app.use(passkeys);
 * app.use(express.json());
 * // Fastify: raw bodies on the passkey routes only (a plugin's parsers are its own)
 * app.register(async (scope) => {
 *   scope.removeAllContentTypeParsers();
 *   scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
 *   const route = async (request, reply) => (await passkeys.respond(request.raw)) ?? reply.callNotFound();
 *   scope.all('/api/passkeys', route);
 *   scope.all('/api/passkeys/*', route);
 * });
 */
export function toNodeHandler(handle: FetchHandler, options: NodeHandlerOptions): NodeHandler {
  if (typeof handle !== 'function') throw new TypeError('toNodeHandler: handle must be a function');
  const origin = parseOrigin(options?.origin, 'toNodeHandler');

  async function respond(req: IncomingMessage): Promise<Response | null> {
    let request: Request | null;
    try {
      request = await toFetchRequest(req, origin, handle);
    } catch (err) {
      if (!isPasskeyError(err)) throw err;
      return Response.json(err.toJSON(), { status: err.status, headers: { 'cache-control': 'no-store' } });
    }
    return request === null ? null : await handle(request);
  }

  /** After a failure: Express's error handling through `next(err)`, else a bare 500 (or a cut connection). */
  function fail(res: ServerResponse, err: unknown, next?: (err?: unknown) => void): void {
    if (next) next(err);
    else if (res.headersSent) res.destroy();
    else res.writeHead(500).end();
  }

  async function nodeHandler(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) {
    let response: Response | null;
    try {
      response = await respond(req);
    } catch (err) {
      return fail(res, err, next);
    }
    if (response === null) {
      if (next) next();
      else res.writeHead(404).end();
      return;
    }
    try {
      await sendResponse(req, res, response);
    } catch (err) {
      // E.g. an earlier middleware already sent the headers.
      fail(res, err, next);
    }
  }
  return Object.assign(nodeHandler, { respond });
}
