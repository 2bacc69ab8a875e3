import { randomUUID } from 'node:crypto';
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createPasskeyHandler, createPasskeyServer, type PasskeySession } from '@acme/passkey-server';
import { toNodeHandler } from '@acme/passkey-server/node';
import express, { type ErrorRequestHandler } from 'express';

export interface AppOptions {
  /** The WebAuthn RP ID: the site's domain (`localhost` in development). */
  rpId: string;
  /** The page's origin, e.g. `http://localhost:3001`: the only one the ceremonies accept. */
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

/** The Express app: the passkey routes under /api/passkeys, and a placeholder sign-in. */
export function createApp({ rpId, origin, rpName = 'Passkey example (Express)' }: AppOptions) {
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

  const app = express();
  // Before express.json(): the handler reads the raw body itself (size limit, Content-Type, JSON).
  app.use('/api/passkeys', toNodeHandler(handle, { origin }));
  app.use(express.json());

  app.post('/api/login', (req, res) => {
    const username: unknown = req.body?.username;
    if (typeof username !== 'string' || username.trim() === '') {
      res.status(400).json({ error: { code: 'INVALID_REQUEST', message: 'Send { username }' } });
      return;
    }
    const { user, cookies } = sessions.signIn(username.trim());
    res.append('set-cookie', cookies);
    res.json({ user });
  });
  app.get('/api/me', (req, res) => {
    res.json({ user: sessions.read(req.headers.cookie)?.user ?? null });
  });

  app.use(errors);
  return app;
}

/**
 * The last handler: errors as JSON, never Express's default page, which shows the stack trace
 * outside production. A client's error (a body that is not JSON) keeps its 4xx status.
 */
const errors: ErrorRequestHandler = (err: { status?: unknown }, _req, res, _next) => {
  const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error('express example: internal error', err);
  const error =
    status === 500
      ? { code: 'INTERNAL_ERROR', message: 'Something went wrong' }
      : { code: 'INVALID_REQUEST', message: 'The request is malformed' };
  res.status(status).json({ error });
};
