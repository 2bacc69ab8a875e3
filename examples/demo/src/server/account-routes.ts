import { acceptedVerificationMethods, isVerificationFresh, type PasskeyPolicy } from '@acme/passkey-core';
import type { PasskeyServer } from '@acme/passkey-server';
import type { Hono } from 'hono';
import type { Account, Accounts } from './accounts';
import type { ActivityLog } from './activity';
import { clientAddress } from './client';
import { jsonResponse } from './errors';
import { readJson } from './http';
import type { PasswordGuard } from './passwords';
import type { Session, Sessions } from './sessions';

/** How many entries of the security activity the page shows. */
export const ACTIVITY_SHOWN = 20;

/** What the account routes use. */
export interface AccountRouteDeps {
  now: () => Date;
  policy: Pick<PasskeyPolicy, 'stepUpMaxAgeSeconds' | 'strongVerification'>;
  passkeys: Pick<PasskeyServer, 'list'>;
  accounts: Accounts;
  sessions: Sessions;
  activity: ActivityLog;
  checkPassword: PasswordGuard;
  /** The signed-in account and its session; `NOT_SIGNED_IN` (401) otherwise. */
  signedIn(request: Request): Promise<{ account: Account; session: Session }>;
}

/**
 * `/api/account/…`: sign-up, log-in (throttled per account and address), log-out here or
 * everywhere, who is signed in, and the password re-check (the security verification).
 */
export function accountRoutes(app: Hono, deps: AccountRouteDeps): void {
  const { now, accounts, sessions, checkPassword, signedIn } = deps;

  app.post('/api/account/signup', async (c) => {
    const user = await accounts.signup(await readJson(c));
    return jsonResponse(201, { user }, { 'set-cookie': sessions.create(user.id) });
  });

  app.post('/api/account/login', async (c) => {
    const body = await readJson(c);
    const attempt = {
      username: typeof body.username === 'string' ? body.username : '',
      address: clientAddress(c)?.key ?? null,
    };
    const user = await checkPassword(attempt, () => accounts.login(body));
    return jsonResponse(200, { user }, { 'set-cookie': sessions.create(user.id) });
  });

  app.post('/api/account/logout', (c) =>
    jsonResponse(200, { signedOut: true }, { 'set-cookie': sessions.destroy(c.req.raw) }),
  );

  // Every session of the account, this one included: for a device the user no longer has.
  app.post('/api/account/logout-everywhere', async (c) => {
    const { account } = await signedIn(c.req.raw);
    const ended = sessions.endAllOf(account.id);
    return jsonResponse(200, { signedOut: ended }, { 'set-cookie': sessions.destroy(c.req.raw) });
  });

  app.get('/api/account/me', async (c) => {
    const { account, session } = await signedIn(c.req.raw);
    const fresh = isVerificationFresh(session.verifiedAt, now(), deps.policy);
    // What adding or removing a passkey needs now (the SDK's rule): the page offers that first.
    const hasPasskey = (await deps.passkeys.list(account.id)).passkeys.length > 0;
    const methods = acceptedVerificationMethods(hasPasskey, deps.policy);
    return jsonResponse(200, {
      user: account,
      verifiedAt: session.verifiedAt,
      verifiedWith: session.verifiedWith,
      verificationFresh: fresh,
      accountVerification: { done: fresh && methods.includes(session.verifiedWith), methods },
      // The passkey this session was opened with, if any.
      passkeyId: session.passkeyId,
    });
  });

  // Passkeys added, removed and renamed, and releases approved: newest first.
  app.get('/api/account/activity', async (c) => {
    const { account } = await signedIn(c.req.raw);
    return jsonResponse(200, { activity: await deps.activity.recent(account.id, ACTIVITY_SHOWN) });
  });

  app.post('/api/account/verify', async (c) => {
    const { account } = await signedIn(c.req.raw);
    const { password } = await readJson(c);
    const attempt = { username: account.username, address: clientAddress(c)?.key ?? null };
    await checkPassword(attempt, () => accounts.verifyPassword(account.id, password));
    const verifiedAt = now();
    sessions.markVerified(c.req.raw, { at: verifiedAt, method: 'password' });
    return jsonResponse(200, { verifiedAt });
  });
}
