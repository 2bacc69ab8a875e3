import { randomBytes } from 'node:crypto';

/** A signed-in browser: whose, how it signed in, and its last security verification. */
export interface Session {
  userId: string;
  verifiedAt: Date | null;
  /** The passkey that opened this session (a passkey sign-in); null after a password. */
  passkeyId: string | null;
}

export const SESSION_COOKIE = 'demo_session';
const MAX_AGE_SECONDS = 7 * 24 * 3600;

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Server-side sessions keyed by a random token in an HttpOnly, SameSite=Lax cookie
 * (`Secure` when the site is served over HTTPS). In memory: a restart signs everyone out.
 */
export function createSessions(options: { secure: boolean; now: () => Date }) {
  const sessions = new Map<string, Session & { expiresAt: number }>();
  const attributes = `Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;

  const tokenOf = (request: Request) => readCookie(request, SESSION_COOKIE);
  const live = (request: Request) => {
    const token = tokenOf(request);
    const session = token ? sessions.get(token) : undefined;
    if (!session || !token) return undefined;
    if (session.expiresAt > options.now().getTime()) return session;
    sessions.delete(token);
    return undefined;
  };
  /** Ends every session that `match` picks; returns how many. */
  const endWhere = (match: (session: Session) => boolean): number => {
    let ended = 0;
    for (const [token, session] of sessions) {
      if (match(session)) {
        sessions.delete(token);
        ended += 1;
      }
    }
    return ended;
  };

  return {
    /** Starts a session; `passkeyId` names the passkey it was opened with. Returns the `Set-Cookie` value. */
    create(userId: string, verifiedAt: Date | null, opened: { passkeyId?: string } = {}): string {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = options.now().getTime() + MAX_AGE_SECONDS * 1000;
      sessions.set(token, { userId, verifiedAt, passkeyId: opened.passkeyId ?? null, expiresAt });
      return `${SESSION_COOKIE}=${token}; ${attributes}; Max-Age=${MAX_AGE_SECONDS}`;
    },

    get(request: Request): Session | null {
      const session = live(request);
      return session
        ? { userId: session.userId, verifiedAt: session.verifiedAt, passkeyId: session.passkeyId }
        : null;
    },

    /** Records a completed security verification (password, passkey sign-in or step-up). */
    markVerified(request: Request, at: Date = options.now()): void {
      const session = live(request);
      if (session) session.verifiedAt = at;
    },

    /** Ends the session; returns the `Set-Cookie` value that clears the cookie. */
    destroy(request: Request): string {
      const token = tokenOf(request);
      if (token) sessions.delete(token);
      return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
    },

    /** "Sign out everywhere": ends every session of the user; returns how many. */
    endAllOf: (userId: string) => endWhere((s) => s.userId === userId),

    /** Ends the sessions that a passkey opened (it was removed); returns how many. */
    endOpenedBy: (userId: string, passkeyId: string) =>
      endWhere((s) => s.userId === userId && s.passkeyId === passkeyId),
  };
}

/** The sessions of one demo process. */
export type Sessions = ReturnType<typeof createSessions>;
