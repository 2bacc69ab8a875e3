/**
 * The passkey handler the Node adapter tests mount: memory stores, a cookie session the test
 * opens directly, a sign-in that sets two cookies, and a logger that keeps what it is told.
 */
import { randomUUID } from 'node:crypto';
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createPasskeyHandler, createPasskeyServer, type PasskeySession } from '../../src/index';

export const ORIGIN = 'http://localhost:3000';
export const BASE_PATH = '/api/passkeys';

export function passkeyApp() {
  const users = new Map<string, PasskeySession['user']>();
  const sessions = new Map<string, PasskeySession>();
  const logged: { message: string; args: unknown[] }[] = [];
  const start = (user: PasskeySession['user']): string[] => {
    const sid = randomUUID();
    sessions.set(sid, { user, lastVerifiedAt: new Date() });
    return [`sid=${sid}; Path=/; HttpOnly; SameSite=Lax`, 'signed_in=1; Path=/; SameSite=Lax'];
  };
  const server = createPasskeyServer({
    rp: { id: 'localhost', name: 'Node adapter tests' },
    origins: [ORIGIN],
    store: createMemoryPasskeyStore(),
    challenges: createMemoryChallengeStore(),
    logger: {
      warn: (message, ...args) => logged.push({ message, args }),
      error: (message, ...args) => logged.push({ message, args }),
    },
  });
  const handle = createPasskeyHandler(server, {
    basePath: BASE_PATH,
    getSession: (request) => {
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return (sid && sessions.get(sid)) || null;
    },
    onSignedIn: ({ userId }) => {
      const user = users.get(userId);
      if (user === undefined) throw new Error(`passkey of unknown user ${userId}`);
      return start(user).map((cookie): [string, string] => ['set-cookie', cookie]);
    },
  });
  return {
    handle,
    logged,
    /** Opens a session for a new user, as the app's password sign-in would: its `sid=` cookie. */
    signIn(name: string): { userId: string; cookie: string } {
      const user = { id: randomUUID(), name, displayName: name };
      users.set(user.id, user);
      return { userId: user.id, cookie: (start(user)[0] as string).split(';')[0] as string };
    },
  };
}
