import { randomUUID } from 'node:crypto';
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createPasskeyHandler, createPasskeyServer, type PasskeySession } from '@acme/passkey-server';
import { toNodeHandler } from '@acme/passkey-server/node';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

export interface AppOptions {
  /** The WebAuthn RP ID: the site's domain (`localhost` in development). */
  rpId: string;
  /** The page's origin, e.g. `http://localhost:3002`: the only one the ceremonies accept. */
  origin: string;
  rpName?: string;
}

/**
 * PLACEHOLDER SESSIONS, for this example only: POST /api/login signs anyone in by name, without
 * a password, and a random `sid` cookie indexes an in-memory map. Use your app's real sign-in and
 * session store instead: the passkey server needs `findUser`, its handler `getSession` and `onSignedIn`.
 */
function placeholderSessions() {
  const users = new Map<string, PasskeySession['user']>(); // by name
  const sessions = new Map<string, { user: PasskeySession['user']; lastVerifiedAt: Date }>();
  /** Starts a session: signing in at /api/login and a passkey sign-in both count as a verification. */
  const start = (user: PasskeySession['user']): string[] => {
    const sid = randomUUID();
    sessions.set(sid, { user, lastVerifiedAt: new Date() });
    // Two cookies: the session itself, and a hint the page's script may read.
    return [`sid=${sid}; Path=/; HttpOnly; SameSite=Lax`, 'signed_in=1; Path=/; SameSite=Lax'];
  };
  return {
    start,
    signIn(name: string) {
      const user = users.get(name) ?? { id: randomUUID(), name, displayName: name };
      users.set(name, user);
      return { user, cookies: start(user) };
    },
    byId: (id: string) => [...users.values()].find((u) => u.id === id) ?? null,
    byName: (name: string) => users.get(name) ?? null,
    read(cookieHeader: string | null | undefined): PasskeySession | null {
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(cookieHeader ?? '')?.[1];
      return (sid && sessions.get(sid)) || null;
    },
  };
}

/** The Fastify app: the passkey routes under /api/passkeys, and a placeholder sign-in. */
export function createApp({ rpId, origin, rpName = 'Passkey example (Fastify)' }: AppOptions) {
  const sessions = placeholderSessions();
  const passkeys = createPasskeyServer({
    rp: { id: rpId, name: rpName },
    origins: [origin],
    store: createMemoryPasskeyStore(), // one process only: use @acme/passkey-store-postgres for real
    challenges: createMemoryChallengeStore(),
    findUser: (username) => sessions.byName(username),
  });
  const handle = createPasskeyHandler(passkeys, {
    basePath: '/api/passkeys',
    getSession: (request) => sessions.read(request.headers.get('cookie')),
    onSignedIn: ({ userId }) => {
      const user = sessions.byId(userId);
      if (user === null) throw new Error(`passkey of unknown user ${userId}`);
      // Several Set-Cookie headers: a list of pairs, since a record holds one value per name.
      return sessions.start(user).map((cookie): [string, string] => ['set-cookie', cookie]);
    },
  });

  const passkeyRoutes = toNodeHandler(handle, { origin });
  const app = Fastify();
  // A plugin of their own: its catch-all content-type parser leaves bodies unread on the passkey
  // routes only (the handler checks them itself), while the app's other routes keep Fastify's
  // JSON parser. Fastify sends the handler's Fetch Response as it is.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const route = async (request: FastifyRequest, reply: FastifyReply) =>
      (await passkeyRoutes.respond(request.raw)) ?? reply.callNotFound();
    scope.all('/api/passkeys', route);
    scope.all('/api/passkeys/*', route);
  });

  app.post('/api/login', async (request, reply) => {
    const username = (request.body as { username?: unknown } | undefined)?.username;
    if (typeof username !== 'string' || username.trim() === '') {
      return reply.code(400).send({ error: { code: 'INVALID_REQUEST', message: 'Send { username }' } });
    }
    const { user, cookies } = sessions.signIn(username.trim());
    reply.header('set-cookie', cookies);
    return { user };
  });
  app.get('/api/me', async (request) => ({ user: sessions.read(request.headers.cookie)?.user ?? null }));

  return app;
}
