import { randomBytes } from 'node:crypto';

/** A signed-in browser: whose, and when it last completed a security verification. */
export interface Session {
  userId: string;
  verifiedAt: Date | null;
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

  return {
    /** Starts a session; returns the `Set-Cookie` value. */
    create(userId: string, verifiedAt: Date | null): string {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = options.now().getTime() + MAX_AGE_SECONDS * 1000;
      sessions.set(token, { userId, verifiedAt, expiresAt });
      return `${SESSION_COOKIE}=${token}; ${attributes}; Max-Age=${MAX_AGE_SECONDS}`;
    },

    get(request: Request): Session | null {
      const token = tokenOf(request);
      const session = token ? sessions.get(token) : undefined;
      if (!session || !token) return null;
      if (session.expiresAt <= options.now().getTime()) {
        sessions.delete(token);
        return null;
      }
      return { userId: session.userId, verifiedAt: session.verifiedAt };
    },

    /** Records a completed security verification (password, passkey sign-in or step-up). */
    markVerified(request: Request, at: Date = options.now()): void {
      const token = tokenOf(request);
      const session = token ? sessions.get(token) : undefined;
      if (session) session.verifiedAt = at;
    },

    /** Ends the session; returns the `Set-Cookie` value that clears the cookie. */
    destroy(request: Request): string {
      const token = tokenOf(request);
      if (token) sessions.delete(token);
      return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
    },
  };
}

/** The sessions of one demo process. */
export type Sessions = ReturnType<typeof createSessions>;
