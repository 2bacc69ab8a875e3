/**
 * What each route of the table (routes.ts) does: `parse` checks the body's shape before the
 * session is looked at (400 before 401) — for a ceremony's finish it is the parse of the response,
 * handed on so that its bytes are decoded once — and `run` calls the server. The server checks
 * everything again: it is the authority.
 */
import { validatePasskeyName } from '@acme/passkey-core';
import type { StartAuthenticationInput, StartRegistrationInput } from '../api/types';
import { isCeremonyId } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { AUTHENTICATOR_CHOICES, MEDIATIONS } from '../constants';
import { invalid } from '../errors/refusals';
import { optionalEnum, requirePasskeyId, requireUsername } from '../input/validate-input';
import type { RequestOperations } from '../server/create-passkey-server';
import { actionDigest } from '../step-up/action-digest';
import { parseAuthenticationResponse } from '../webauthn/authentication-response';
import { parseRegistrationResponse } from '../webauthn/registration-response';
import type { HandlerHooks } from './hooks';
import { json } from './respond';
import type { RouteName } from './routes';
import type { ReadSession } from './session';

/** One request, parsed and authorised, as a route's `run` sees it. */
export interface RouteCall<I> {
  input: I;
  request: Request;
  ops: RequestOperations;
  /** The signed-in user; null only on the routes anyone may call. */
  session: ReadSession | null;
  hooks: HandlerHooks;
}

interface RouteHandler<I> {
  parse(body: Record<string, unknown>, id: string | undefined, ctx: ServerContext): I | Promise<I>;
  run(call: RouteCall<I>): Promise<Response>;
}

/** Keeps each handler's input type between its parse and its run. */
const route = <I>(handler: RouteHandler<I>) => handler as RouteHandler<unknown>;

const user = (call: RouteCall<unknown>) => (call.session as ReadSession).user;

function ceremonyId(body: Record<string, unknown>): string {
  if (!isCeremonyId(body.ceremonyId)) invalid('ceremonyId is missing or malformed');
  return body.ceremonyId;
}

/** Only the fields a client may choose: a body is never spread into a trusted input. */
function choices(body: Record<string, unknown>) {
  const authenticator = optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
  const mediation = optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
  return { authenticator, mediation };
}

/** The table's routes, each with its parse and its run; a missing route is a compile error. */
export const ROUTE_HANDLERS: { readonly [N in RouteName]: RouteHandler<unknown> } = {
  list: route({
    parse: () => null,
    run: async (c) => json(200, await c.ops.list(user(c).id)),
  }),
  'register/options': route({
    parse: (body) => choices(body),
    run: async (c: RouteCall<Pick<StartRegistrationInput, 'authenticator' | 'mediation'>>) => {
      const { user: who, lastVerifiedAt, lastVerifiedWith } = c.session as ReadSession;
      return json(
        200,
        await c.ops.startRegistration({ user: who, lastVerifiedAt, lastVerifiedWith, ...c.input }),
      );
    },
  }),
  'register/verify': route({
    parse: (body, _, ctx) => ({
      ceremonyId: ceremonyId(body),
      response: parseRegistrationResponse(body.response),
      ...(body.name === undefined ? {} : { name: validatePasskeyName(body.name, ctx.policy) }),
    }),
    run: async (c) => json(201, await c.ops.finishRegistration({ ...c.input, userId: user(c).id })),
  }),
  'login/options': route({
    parse: (body): StartAuthenticationInput => {
      const input: StartAuthenticationInput = choices(body);
      if (body.username === undefined) return input;
      // Before the app's findUser ever sees it: no NUL or other control character reaches a database.
      const username = requireUsername(body.username);
      if (input.mediation === 'conditional')
        invalid('Autofill (conditional) sign-in is usernameless: omit the username');
      return { ...input, username };
    },
    run: async (c: RouteCall<StartAuthenticationInput>) =>
      json(200, await c.ops.startAuthentication(c.input)),
  }),
  'login/verify': route({
    parse: (body) => ({ ceremonyId: ceremonyId(body), response: parseAuthenticationResponse(body.response) }),
    run: async (c) => {
      const result = await c.ops.finishAuthentication(c.input);
      return json(200, result, await c.hooks.onSignedIn?.(result, c.request));
    },
  }),
  'step-up/options': route({
    parse: async (body) => {
      await actionDigest({ action: body.action, details: body.details });
      return { action: body.action as string, details: body.details as Record<string, unknown> };
    },
    run: async (c) => json(200, await c.ops.startStepUp({ ...c.input, userId: user(c).id })),
  }),
  'step-up/verify': route({
    parse: (body) => ({ ceremonyId: ceremonyId(body), response: parseAuthenticationResponse(body.response) }),
    run: async (c) => {
      const result = await c.ops.finishStepUpFull({ ...c.input, userId: user(c).id });
      return json(200, { receipt: result.receipt }, await c.hooks.onVerified?.(result, c.request));
    },
  }),
  'removal-impact': route({
    parse: (_, id) => requirePasskeyId(id),
    run: async (c: RouteCall<string>) => json(200, await c.ops.removalImpact(user(c).id, c.input)),
  }),
  rename: route({
    parse: (body, id, ctx) => {
      const passkeyId = requirePasskeyId(id);
      if (typeof body.name !== 'string') invalid('name must be a string');
      return { passkeyId, name: validatePasskeyName(body.name, ctx.policy) };
    },
    run: async (c) => json(200, { passkey: await c.ops.rename(user(c).id, c.input.passkeyId, c.input.name) }),
  }),
  remove: route({
    parse: (body, id) => {
      const passkeyId = requirePasskeyId(id);
      if (body.confirm !== undefined && typeof body.confirm !== 'boolean')
        invalid('confirm must be a boolean');
      return { passkeyId, confirm: body.confirm === true };
    },
    run: async (c) => {
      const { user: who, lastVerifiedAt, lastVerifiedWith } = c.session as ReadSession;
      // Never `recovery`: that path is the app's own, on the programmatic API only.
      const options = { lastVerifiedAt, lastVerifiedWith, confirm: c.input.confirm as true };
      return json(200, await c.ops.remove(who.id, c.input.passkeyId, options));
    },
  }),
};
