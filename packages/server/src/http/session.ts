import { VERIFICATION_METHODS, type VerificationMethod } from '@acme/passkey-core';
import { notSignedIn } from '../errors/refusals';

/** Who is signed in, as the app's `getSession` tells it. */
export interface PasskeySession {
  user: { id: string; name: string; displayName: string };
  /** When the user last completed a security verification (password, second factor or passkey). */
  lastVerifiedAt: Date | null;
  /**
   * How: `'passkey'` (a step-up through the SDK), `'second-factor'` (e.g. an authenticator app
   * code) or `'password'`. Absent means `'password'`, the weakest.
   */
  lastVerifiedWith?: VerificationMethod;
}

/** A session as the handler uses it: the method always named. */
export interface ReadSession extends PasskeySession {
  lastVerifiedWith: VerificationMethod;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  return null;
}

/**
 * The signed-in user, or NOT_SIGNED_IN (401). A malformed session is the app's bug, not the
 * client's: a TypeError, which the handler logs and answers with a bare 500.
 */
export async function readSession(
  getSession: (request: Request) => PasskeySession | null | Promise<PasskeySession | null>,
  request: Request,
): Promise<ReadSession> {
  const s = await getSession(request);
  if (s === null || s === undefined) throw notSignedIn();
  const u = s.user as Partial<PasskeySession['user']> | undefined;
  if (typeof u?.id !== 'string' || u.id === '' || typeof u.name !== 'string' || u.name === '') {
    throw new TypeError('getSession must return { user: { id, name, displayName }, lastVerifiedAt }');
  }
  const method = s.lastVerifiedWith ?? 'password';
  if (!VERIFICATION_METHODS.includes(method)) {
    throw new TypeError(`getSession: lastVerifiedWith must be one of ${VERIFICATION_METHODS.join(', ')}`);
  }
  return { user: s.user, lastVerifiedAt: toDate(s.lastVerifiedAt), lastVerifiedWith: method };
}
