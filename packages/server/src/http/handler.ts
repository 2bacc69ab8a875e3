import type { PasskeyServer } from '../api/types';
import { crossSite, methodNotAllowed, rateLimited } from '../errors/refusals';
import { internalsOf } from '../server/create-passkey-server';
import { readJsonBody } from './body';
import type { ClientInfo, PasskeyHandlerOptions } from './hooks';
import { errorResponse } from './respond';
import { ROUTE_HANDLERS } from './route-handlers';
import { matchPath, ROUTES } from './routes';
import { readSession } from './session';

/**
 * The Fetch handler `createPasskeyHandler` makes: `(Request) => Promise<Response | null>`, null
 * for a path that is not its own. Adapters may ask first whether a path is its own (`owns`) and
 * how large a body it takes (`maxBodyBytes`), to read a body only when it will be read anyway.
 */
export interface PasskeyHandler {
  (request: Request): Promise<Response | null>;
  /** Whether a URL path is one of the handler's routes. */
  owns(pathname: string): boolean;
  /** The largest body the handler accepts, in bytes. */
  maxBodyBytes: number;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

/** Keeps only string `ip` / `userAgent` (bounded): an event carries nothing else from a request. */
function cleanInfo(info: ClientInfo | null | undefined): ClientInfo {
  const out: ClientInfo = {};
  if (typeof info?.ip === 'string') out.ip = info.ip.slice(0, 64);
  if (typeof info?.userAgent === 'string') out.userAgent = info.userAgent.slice(0, 512);
  return out;
}

function checkOptions(options: PasskeyHandlerOptions): { basePath: string; maxBodyBytes: number } {
  const basePath = (options.basePath ?? '/passkeys').replace(/\/+$/, '');
  if (!basePath.startsWith('/')) throw new TypeError('createPasskeyHandler: basePath must start with /');
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new TypeError('createPasskeyHandler: maxBodyBytes must be an integer of at least 1024');
  }
  if (typeof options.getSession !== 'function')
    throw new TypeError('createPasskeyHandler: getSession is required');
  for (const hook of ['clientInfo', 'onSignedIn', 'onVerified', 'rateLimit'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') {
      throw new TypeError(`createPasskeyHandler: ${hook} must be a function`);
    }
  }
  // These live in the server's config, so that apps calling it directly get the same protection.
  for (const moved of ['findUser', 'normalizeUsername']) {
    if (moved in options)
      throw new TypeError(`createPasskeyHandler: ${moved} belongs in createPasskeyServer's config`);
  }
  return { basePath, maxBodyBytes };
}

/**
 * One Fetch-API handler for the HTTP protocol (docs/design.md, "HTTP protocol"):
 * `(Request) => Promise<Response | null>`, null for a path that is not its own. Mounts in Hono,
 * Next.js, Bun and Deno as it is, in node:http, Express and Fastify through
 * `@acme/passkey-server/node`. It answers the first failing check in the protocol's order: method
 * (405), rate limit (429), Origin (403), Content-Type (415), size (413), shape (400), session (401),
 * then the server's own checks.
 *
 * @example
 * const handle = createPasskeyHandler(passkeys, {
 *   basePath: '/api/passkeys',
 *   getSession: (req) => sessions.get(req),
 *   onSignedIn: ({ userId }) => ({ 'set-cookie': sessions.create(userId) }),
 * });
 * app.all('/api/passkeys/*', async (c) => (await handle(c.req.raw)) ?? c.notFound());
 */
export function createPasskeyHandler(server: PasskeyServer, options: PasskeyHandlerOptions): PasskeyHandler {
  const internals = internalsOf(server);
  const { ctx } = internals;
  const { basePath, maxBodyBytes } = checkOptions(options);
  const hooks = { onSignedIn: options.onSignedIn, onVerified: options.onVerified };
  const clientInfo = async (request: Request): Promise<ClientInfo> => {
    if (options.clientInfo) return cleanInfo(await options.clientInfo(request));
    const userAgent = request.headers.get('user-agent');
    return userAgent === null ? {} : { userAgent: userAgent.slice(0, 512) };
  };

  async function handlePasskeyRequest(request: Request): Promise<Response | null> {
    const matched = matchPath(new URL(request.url).pathname, basePath);
    if (matched === null) return null;
    try {
      const name = matched.routes.find((n) => ROUTES[n].method === request.method);
      if (name === undefined) {
        return errorResponse(
          methodNotAllowed(),
          ctx.logger,
          matched.routes.map((n) => ROUTES[n].method),
        );
      }
      const limited = await options.rateLimit?.(request, name);
      if (limited) throw rateLimited(limited.retryAfterSeconds);
      const origin = request.headers.get('origin');
      if (STATE_CHANGING.has(request.method) && origin !== null && !ctx.webOrigins.has(origin))
        throw crossSite();
      const body = request.method === 'GET' ? {} : await readJsonBody(request, maxBodyBytes);
      const handler = ROUTE_HANDLERS[name];
      const input = await handler.parse(body, matched.id, ctx);
      const session = ROUTES[name].session === 'none' ? null : await readSession(options.getSession, request);
      const ops = internals.forRequest(await clientInfo(request));
      return await handler.run({ input, request, ops, session, hooks });
    } catch (err) {
      return errorResponse(err, ctx.logger);
    }
  }
  const owns = (pathname: string) => matchPath(pathname, basePath) !== null;
  return Object.assign(handlePasskeyRequest, { owns, maxBodyBytes });
}
