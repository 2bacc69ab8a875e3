import { randomBytes } from 'node:crypto';
import type { VerificationMethod } from '@acme/passkey-core';

/** How a session last completed a security verification. */
export interface Verification {
  at: Date | null;
  /** `'password'` (the weakest) or `'passkey'`. */
  method: VerificationMethod;
  /** The passkey that verified; its removal voids the verification. */
  passkeyId?: string;
}

/** A signed-in browser: whose, how it signed in, and its last security verification. */
export interface Session {
  userId: string;
  verifiedAt: Date | null;
  verifiedWith: VerificationMethod;
  /** The passkey that opened this session (a passkey sign-in); null after a password. */
  passkeyId: string | null;
}

type Stored = Omit<Session, 'verifiedAt' | 'verifiedWith'> & {
  verification: Verification;
  expiresAt: number;
};

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
  const sessions = new Map<string, Stored>();
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
  const endWhere = (match: (session: Stored) => boolean): number => {
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
    /**
     * Starts a session, verified as it was opened: with a password, or with a passkey (which the
     * session remembers: its removal ends the session). Returns the `Set-Cookie` value.
     */
    create(userId: string, opened: { passkeyId?: string } = {}): string {
      const token = randomBytes(32).toString('base64url');
      const now = options.now();
      const passkeyId = opened.passkeyId ?? null;
      const verification: Verification = passkeyId
        ? { at: now, method: 'passkey', passkeyId }
        : { at: now, method: 'password' };
      const expiresAt = now.getTime() + MAX_AGE_SECONDS * 1000;
      sessions.set(token, { userId, passkeyId, verification, expiresAt });
      return `${SESSION_COOKIE}=${token}; ${attributes}; Max-Age=${MAX_AGE_SECONDS}`;
    },

    get(request: Request): Session | null {
      const s = live(request);
      if (!s) return null;
      const { at, method } = s.verification;
      return { userId: s.userId, verifiedAt: at, verifiedWith: method, passkeyId: s.passkeyId };
    },

    /** Records a completed security verification: the password re-check, or a passkey step-up. */
    markVerified(request: Request, verification: Verification): void {
      const session = live(request);
      if (session) session.verification = { ...verification };
    },

    /** Ends the session; returns the `Set-Cookie` value that clears the cookie. */
    destroy(request: Request): string {
      const token = tokenOf(request);
      if (token) sessions.delete(token);
      return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
    },

    /** "Sign out everywhere": ends every session of the user; returns how many. */
    endAllOf: (userId: string) => endWhere((s) => s.userId === userId),

    /**
     * A passkey was removed: the sessions it opened end, and a verification it gave counts no
     * more (a thief's copy must not outlive the owner's removal). Returns how many sessions ended.
     */
    passkeyRemoved(userId: string, passkeyId: string): number {
      const ended = endWhere((s) => s.userId === userId && s.passkeyId === passkeyId);
      for (const s of sessions.values()) {
        if (s.userId === userId && s.verification.passkeyId === passkeyId) {
          s.verification = { at: null, method: 'password' };
        }
      }
      return ended;
    },
  };
}

/** The sessions of one demo process. */
export type Sessions = ReturnType<typeof createSessions>;
