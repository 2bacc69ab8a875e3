import { PasskeyError } from '@acme/passkey-core';

/** Who is signed in, as the app's `getSession` tells it. */
export interface PasskeySession {
  user: { id: string; name: string; displayName: string };
  /** When the user last completed a security verification (password, OTP or passkey). */
  lastVerifiedAt: Date | null;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  return null;
}

/**
 * The signed-in user, or NOT_SIGNED_IN (401). A malformed session is the app's bug, not the
 * client's: it throws a plain error, which the handler logs and answers with a 500.
 */
export async function readSession(
  getSession: (request: Request) => PasskeySession | null | Promise<PasskeySession | null>,
  request: Request,
): Promise<PasskeySession> {
  const s = await getSession(request);
  if (s === null || s === undefined) throw new PasskeyError('NOT_SIGNED_IN', 'Sign in first');
  const u = s.user as Partial<PasskeySession['user']> | undefined;
  if (typeof u?.id !== 'string' || u.id === '' || typeof u.name !== 'string' || u.name === '') {
    throw new Error('getSession must return { user: { id, name, displayName }, lastVerifiedAt }');
  }
  return { user: s.user, lastVerifiedAt: toDate(s.lastVerifiedAt) };
}
