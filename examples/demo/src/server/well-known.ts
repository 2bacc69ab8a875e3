import { createWellKnownHandler } from '@acme/passkey-server';
import type { Hono } from 'hono';
import { PASSKEY_PAGES } from './http';

/**
 * `/.well-known/passkey-endpoints`: where password managers send users to create a passkey
 * (`/security/passkeys/new`, which opens "Add a passkey") or manage theirs (`/security`), on the
 * page's own origin (HTTPS, or localhost: the passkey server takes no other). No
 * `/.well-known/webauthn`: the demo has one origin, so it has no related origins to list.
 */
export function wellKnownRoutes(app: Hono, origin: string): void {
  const wellKnown = createWellKnownHandler({
    passkeyEndpoints: {
      enroll: new URL(PASSKEY_PAGES.enroll, origin).href,
      manage: new URL(PASSKEY_PAGES.manage, origin).href,
    },
  });
  app.get('/.well-known/*', async (c) => (await wellKnown(c.req.raw)) ?? c.notFound());
}
