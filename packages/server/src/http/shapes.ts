import { validatePasskeyName } from '@acme/passkey-core';
import { isCeremonyId } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { AUTHENTICATOR_CHOICES, invalid, MEDIATIONS, optionalEnum, requireUsername } from '../internal/input';
import { requirePasskeyId } from '../management/passkey-id';
import { actionDigest } from '../step-up/action-digest';
import { parseAuthenticationResponse } from '../webauthn/authentication-response';
import { parseRegistrationResponse } from '../webauthn/registration-response';
import type { MatchedRoute } from './routes';

function ceremonyId(body: Record<string, unknown>): void {
  if (!isCeremonyId(body.ceremonyId)) invalid('ceremonyId is missing or malformed');
}

/**
 * Checks a request's JSON shape for its route before the session is looked at, as the protocol's
 * order of checks requires (400 before 401). The server checks again: it is the authority. For a
 * ceremony's finish the check is the parse: the parsed response is returned, for the handler to
 * hand on, so that its bytes are decoded once.
 */
export async function checkShape(
  ctx: ServerContext,
  route: MatchedRoute,
  method: string,
  body: Record<string, unknown>,
): Promise<{ response?: unknown }> {
  switch (route.name) {
    case 'register/options':
      optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
      optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
      return {};
    case 'login/options':
      optionalEnum(body.authenticator, 'authenticator', AUTHENTICATOR_CHOICES, 'any');
      optionalEnum(body.mediation, 'mediation', MEDIATIONS, 'modal');
      // Before the app's findUser ever sees it: no NUL or other control character reaches a database.
      if (body.username !== undefined) requireUsername(body.username);
      // Autofill is usernameless: refused before the app's findUser ever runs.
      if (body.username !== undefined && body.mediation === 'conditional') {
        invalid('Autofill (conditional) sign-in is usernameless: omit the username');
      }
      return {};
    case 'register/verify': {
      ceremonyId(body);
      const response = parseRegistrationResponse(body.response);
      if (body.name !== undefined) validatePasskeyName(body.name, ctx.policy);
      return { response };
    }
    case 'login/verify':
    case 'step-up/verify':
      ceremonyId(body);
      return { response: parseAuthenticationResponse(body.response) };
    case 'step-up/options':
      await actionDigest({ action: body.action, details: body.details });
      return {};
    case 'passkey':
      requirePasskeyId(route.id);
      if (method === 'PATCH') {
        if (typeof body.name !== 'string') invalid('name must be a string');
        validatePasskeyName(body.name, ctx.policy);
      } else if (body.confirm !== undefined && typeof body.confirm !== 'boolean') {
        invalid('confirm must be a boolean');
      }
      return {};
    case 'removal-impact':
      requirePasskeyId(route.id);
      return {};
    case 'list':
      return {};
  }
}
