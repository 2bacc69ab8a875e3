import { PasskeyError } from '@acme/passkey-core';
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

/** Options of {@link createPasskeyHandler}. Every hook may return a promise. */
export interface PasskeyHandlerOptions {
  /** Where the routes live. Default `/passkeys`. */
  basePath?: string;
  /** Largest accepted body. Default 64 KiB. */
  maxBodyBytes?: number;
  /** The signed-in user, or null. */
  getSession(request: Request): MaybePromise<PasskeySession | null>;
  /** Resolves a username typed on the sign-in page; unknown names get fake credential IDs. */
  findUser?(username: string): MaybePromise<{ id: string } | null>;
  /** After a passkey sign-in: set the app's session; the returned headers (e.g. Set-Cookie) are sent. */
  onSignedIn?(
    result: Awaited<ReturnType<PasskeyServer['finishAuthentication']>>,
    request: Request,
  ): MaybePromise<HeadersInit | void>;
  /** Asked before the body is read; a refusal is 429 `RATE_LIMITED` with `Retry-After`. */
  rateLimit?: RateLimit;
  /**
   * How usernames are compared, applied before `findUser` and to the fake answers for unknown
   * names; it must be the same equivalence as `findUser`'s (e.g. trimmed and lowercased), or
   * two spellings of one name would tell a known name from an unknown one. Default: as typed.
   */
  normalizeUsername?(username: string): string;
  /** After a passkey step-up: mark the session freshly verified; the returned headers are sent. */
  onVerified?(
    result: Awaited<ReturnType<PasskeyServer['finishStepUp']>>,
    request: Request,
  ): MaybePromise<HeadersInit | void>;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

/**
 * One Fetch-API handler for DESIGN's HTTP protocol: `(Request) => Promise<Response | null>`,
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
export function createPasskeyHandler(passkeys: PasskeyServer, options: PasskeyHandlerOptions) {
  const internals = internalsOf(passkeys);
  const { ctx } = internals;
  const basePath = (options.basePath ?? '/passkeys').replace(/\/+$/, '');
  if (!basePath.startsWith('/')) throw new TypeError('createPasskeyHandler: basePath must start with /');
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new TypeError('createPasskeyHandler: maxBodyBytes must be an integer of at least 1024');
  }
  if (typeof options.getSession !== 'function')
    throw new TypeError('createPasskeyHandler: getSession is required');

  const session = (request: Request) => readSession(options.getSession, request);

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
      await checkShape(ctx, route, request.method, body);
      const id = route.id as string;

      switch (route.name) {
        case 'login/options': {
          const input = { mediation: body.mediation, authenticator: body.authenticator } as Parameters<
            PasskeyServer['startAuthentication']
          >[0];
          if (typeof body.username !== 'string') return json(200, await passkeys.startAuthentication(input));
          const username = options.normalizeUsername
            ? options.normalizeUsername(body.username)
            : body.username;
          const user = options.findUser ? await options.findUser(username) : null;
          // A malformed answer is the app's bug: a 500, never an answer that differs by name.
          if (user !== null && user !== undefined && (typeof user.id !== 'string' || user.id === '')) {
            throw new Error('findUser must return { id } or null');
          }
          return json(200, await internals.startAuthenticationFor(username, user?.id ?? null, input));
        }
        case 'login/verify': {
          const result = await passkeys.finishAuthentication({
            ceremonyId: body.ceremonyId as string,
            response: body.response,
          });
          return json(200, result, await options.onSignedIn?.(result, request));
        }
        default:
          break;
      }

      const { user, lastVerifiedAt } = await session(request);
      switch (route.name) {
        case 'register/options': {
          // Only the fields the client may choose: never spread a body into a trusted input.
          const { authenticator, mediation } = body as Pick<
            StartRegistrationInput,
            'authenticator' | 'mediation'
          >;
          const choice = { ...(authenticator ? { authenticator } : {}), ...(mediation ? { mediation } : {}) };
          return json(200, await passkeys.startRegistration({ user, lastVerifiedAt, ...choice }));
        }
        case 'register/verify': {
          const input = { ceremonyId: body.ceremonyId as string, userId: user.id, response: body.response };
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
          const result = await passkeys.finishStepUp({
            ceremonyId: body.ceremonyId as string,
            userId: user.id,
            response: body.response,
          });
          return json(200, result, await options.onVerified?.(result, request));
        }
        case 'list':
          return json(200, await passkeys.list(user.id));
        case 'removal-impact':
          return json(200, await passkeys.removalImpact(user.id, id));
        default:
          if (request.method === 'PATCH')
            return json(200, { passkey: await passkeys.rename(user.id, id, body.name as string) });
          return json(
            200,
            await passkeys.remove(user.id, id, { lastVerifiedAt, confirm: body.confirm as true }),
          );
      }
    } catch (err) {
      return errorResponse(err, ctx.logger);
    }
  };
}
