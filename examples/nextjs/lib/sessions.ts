import { randomUUID } from 'node:crypto';
import type { PasskeySession } from '@acme/passkey-server';

type User = PasskeySession['user'];
type Verification = Pick<PasskeySession, 'lastVerifiedAt' | 'lastVerifiedWith'>;

/**
 * PLACEHOLDER SESSIONS, for this example only: POST /api/login signs anyone in by name, without
 * a password, and a random `sid` cookie indexes an in-memory map. Use your app's real sign-in and
 * session store instead: the passkey server needs `findUser`, its handler `getSession`,
 * `onSignedIn` and `onVerified`.
 */
export function createPlaceholderSessions() {
  const users = new Map<string, User>(); // by name
  const sessions = new Map<string, { user: User } & Verification>();
  const sidOf = (cookieHeader: string | null) => /(?:^|;\s*)sid=([^;]+)/.exec(cookieHeader ?? '')?.[1];

  /** Starts a session verified now by `method`; returns its two Set-Cookie values. */
  const start = (user: User, method: PasskeySession['lastVerifiedWith']): string[] => {
    const sid = randomUUID();
    sessions.set(sid, { user, lastVerifiedAt: new Date(), lastVerifiedWith: method });
    // Two cookies: the session itself, and a hint the page's script may read.
    return [`sid=${sid}; Path=/; HttpOnly; SameSite=Lax`, 'signed_in=1; Path=/; SameSite=Lax'];
  };

  return {
    /** The password sign-in stand-in: a fresh verification, by the weakest method. */
    signIn(name: string) {
      const user = users.get(name) ?? { id: randomUUID(), name, displayName: name };
      users.set(name, user);
      return { user, cookies: start(user, 'password') };
    },
    /** A passkey sign-in (`onSignedIn`): the user just verified with a passkey. */
    signInWithPasskey(userId: string): string[] {
      const user = [...users.values()].find((u) => u.id === userId);
      if (user === undefined) throw new Error(`passkey of unknown user ${userId}`);
      return start(user, 'passkey');
    },
    /** For the server's `findUser`: sign-in with a typed username. */
    byName: (name: string) => users.get(name) ?? null,
    /** For the handler's `getSession`. */
    read(request: Request): PasskeySession | null {
      const sid = sidOf(request.headers.get('cookie'));
      return (sid && sessions.get(sid)) || null;
    },
    /** For the handler's `onVerified`: a passkey step-up is a fresh, strong verification. */
    markVerified(request: Request): void {
      const session = sessions.get(sidOf(request.headers.get('cookie')) ?? '');
      if (session) Object.assign(session, { lastVerifiedAt: new Date(), lastVerifiedWith: 'passkey' });
    },
  };
}
