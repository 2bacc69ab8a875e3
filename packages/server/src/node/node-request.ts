import type { IncomingMessage } from 'node:http';

const origins = new WeakMap<Request, IncomingMessage>();

/** Remembers the Node request a Fetch `Request` was made from. */
export function remember(request: Request, req: IncomingMessage): Request {
  origins.set(request, req);
  return request;
}

/**
 * The Node request (Express's `req`, with what its middleware added: `req.session`, `req.user`)
 * that a Fetch `Request` given to your hooks was made from by `toNodeHandler`; undefined for any
 * other request.
 *
 * @example
 * createPasskeyHandler(passkeys, {
 *   getSession: (request) => {
 *     const session = (nodeRequest(request) as express.Request | undefined)?.session;
 *     return session?.user ? { user: session.user, lastVerifiedAt: session.verifiedAt ?? null } : null;
 *   },
 * });
 */
export function nodeRequest(request: Request): IncomingMessage | undefined {
  return origins.get(request);
}
