import { PasskeyError } from '@acme/passkey-core';
import type { StartAuthenticationInput } from '../authentication/start-authentication';
import { internalsOf, type PasskeyServer } from '../create-passkey-server';
import type { StartRegistrationInput } from '../registration/start-registration';
import { readJsonBody } from './body';
import type { RateLimit } from './rate-limit';
import { errorResponse, json } from './respond';
import { matchRoute } from './routes';
import { type PasskeySession, readSession } from './session';
import { checkShape } from './shapes';

type MaybePromise<T> = T | Promise<T>;

export type { PasskeySession };

/** Where a request came from, for events: see {@link PasskeyHandlerOptions.clientInfo}. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** What `onVerified` receives: the receipt, the action it approves and the passkey that signed. */
export interface StepUpVerified {
  receipt: string;
  action: string;
  passkeyId: string;
}

/** Options of {@link createPasskeyHandler}. Every hook may return a promise. */
export interface PasskeyHandlerOptions {
  /** Where the routes live. Default `/passkeys`. */
  basePath?: string;
  /** Largest accepted body. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * The signed-in user, or null, with when and how they last completed a security verification
   * (`lastVerifiedWith` absent = `'password'`). A sign-in with a username uses the server's `findUser`.
   */
  getSession(request: Request): MaybePromise<PasskeySession | null>;
  /**
   * Who sent a request, for the events it raises (`event.context`), so an app can tell the user
   * "a passkey was added from Chrome on Windows". Default: the User-Agent header only. Return
   * what you trust: e.g. the client IP your proxy sets.
   */
  clientInfo?(request: Request): MaybePromise<ClientInfo>;
  /** After a passkey sign-in: set the app's session; the returned headers (e.g. Set-Cookie) are sent. */
  onSignedIn?(
    result: Awaited<ReturnType<PasskeyServer['finishAuthentication']>>,
    request: Request,
  ): MaybePromise<HeadersInit | void>;
  /** Asked before the body is read; a refusal is 429 `RATE_LIMITED` with `Retry-After`. */
  rateLimit?: RateLimit;
  /**
   * After a passkey step-up: mark the session as freshly and strongly verified
   * (`lastVerifiedAt = now`, `lastVerifiedWith = 'passkey'`); the returned headers are sent.
   */
  onVerified?(result: StepUpVerified, request: Request): MaybePromise<HeadersInit | void>;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

/** Keeps only string `ip` / `userAgent` (bounded): an event carries nothing else from a request. */
function cleanInfo(info: ClientInfo | null | undefined): ClientInfo {
  const out: ClientInfo = {};
  if (typeof info?.ip === 'string') out.ip = info.ip.slice(0, 64);
  if (typeof info?.userAgent === 'string') out.userAgent = info.userAgent.slice(0, 512);
  return out;
}

/**
 * One Fetch-API handler for the HTTP protocol (server README): `(Request) => Promise<Response | null>`,
 * null for a route that is not its own. Mounts in Hono, Express, Fastify, Next.js, Bun, Deno.
 *
 * @example
 * const handle = createPasskeyHandler(passkeys, {
 *   basePath: '/api/passkeys',
 *   getSession: (req) => sessions.get(req),
 *   onSignedIn: ({ userId }) => ({ 'set-cookie': sessions.create(userId) }),
 * });
 * app.all('/api/passkeys/*', async (c) => (await handle(c.req.raw)) ?? c.notFound());
 */
export function createPasskeyHandler(server: PasskeyServer, options: PasskeyHandlerOptions) {
  const internals = internalsOf(server);
  const { ctx } = internals;
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
  // These moved to the server, so that apps calling it directly get the same protection.
  for (const moved of ['findUser', 'normalizeUsername']) {
    if (moved in options) {
      throw new TypeError(`createPasskeyHandler: ${moved} belongs in createPasskeyServer's config`);
    }
  }

  const session = (request: Request) => readSession(options.getSession, request);
  const clientInfo = async (request: Request): Promise<ClientInfo> => {
    if (options.clientInfo) return cleanInfo(await options.clientInfo(request));
    const userAgent = request.headers.get('user-agent');
    return userAgent === null ? {} : { userAgent: userAgent.slice(0, 512) };
  };

  return async function handlePasskeyRequest(request: Request): Promise<Response | null> {
    const route = matchRoute(new URL(request.url).pathname, basePath);
    if (route === null) return null;
    try {
      if (!route.methods.includes(request.method)) {
        return errorResponse(
          new PasskeyError('METHOD_NOT_ALLOWED', 'Method not allowed'),
          ctx.logger,
          route.methods,
        );
      }
      const limited = await options.rateLimit?.(request, route.name);
      if (limited) {
        throw new PasskeyError('RATE_LIMITED', 'Too many requests: try again later', {
          details: { retryAfterSeconds: Math.max(1, Math.ceil(limited.retryAfterSeconds)) },
        });
      }
      const origin = request.headers.get('origin');
      if (STATE_CHANGING.has(request.method) && origin !== null && !ctx.webOrigins.has(origin)) {
        throw new PasskeyError(
          'CROSS_SITE_REQUEST',
          'This request comes from a site that may not use this API',
        );
      }
      const body = request.method === 'GET' ? {} : await readJsonBody(request, maxBodyBytes);
      // The shape check of a finish is its parse: the parsed response goes on to the ceremony.
      const { response } = await checkShape(ctx, route, request.method, body);
      const id = route.id as string;
      const passkeys = internals.forRequest(await clientInfo(request));

      switch (route.name) {
        case 'login/options': {
          // Only the fields the client may choose: never a userId, which would name anyone's passkeys.
          const { mediation, authenticator, username } = body as StartAuthenticationInput;
          const input: StartAuthenticationInput = {
            ...(mediation === undefined ? {} : { mediation }),
            ...(authenticator === undefined ? {} : { authenticator }),
            ...(username === undefined ? {} : { username }),
          };
          return json(200, await passkeys.startAuthentication(input));
        }
        case 'login/verify': {
          const result = await passkeys.finishAuthentication({
            ceremonyId: body.ceremonyId as string,
            response,
          });
          return json(200, result, await options.onSignedIn?.(result, request));
        }
        default:
          break;
      }

      const { user, lastVerifiedAt, lastVerifiedWith } = await session(request);
      switch (route.name) {
        case 'register/options': {
          // Only the fields the client may choose: never spread a body into a trusted input.
          const { authenticator, mediation } = body as Pick<
            StartRegistrationInput,
            'authenticator' | 'mediation'
          >;
          const choice = { ...(authenticator ? { authenticator } : {}), ...(mediation ? { mediation } : {}) };
          return json(
            200,
            await passkeys.startRegistration({ user, lastVerifiedAt, lastVerifiedWith, ...choice }),
          );
        }
        case 'register/verify': {
          const input = { ceremonyId: body.ceremonyId as string, userId: user.id, response };
          const name = body.name === undefined ? {} : { name: body.name as string };
          return json(201, await passkeys.finishRegistration({ ...input, ...name }));
        }
        case 'step-up/options':
          return json(
            200,
            await passkeys.startStepUp({
              userId: user.id,
              action: body.action as string,
              details: body.details as Record<string, unknown>,
            }),
          );
        case 'step-up/verify': {
          const result = await passkeys.finishStepUpFull({
            ceremonyId: body.ceremonyId as string,
            userId: user.id,
            response,
          });
          return json(200, { receipt: result.receipt }, await options.onVerified?.(result, request));
        }
        case 'list':
          return json(200, await passkeys.list(user.id));
        case 'removal-impact':
          return json(200, await passkeys.removalImpact(user.id, id));
        default:
          if (request.method === 'PATCH')
            return json(200, { passkey: await passkeys.rename(user.id, id, body.name as string) });
          // Never `recovery`: that path is the app's own, on the programmatic API only.
          return json(
            200,
            await passkeys.remove(user.id, id, {
              lastVerifiedAt,
              lastVerifiedWith,
              confirm: body.confirm as true,
            }),
          );
      }
    } catch (err) {
      return errorResponse(err, ctx.logger);
    }
  };
}
