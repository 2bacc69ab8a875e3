import { isPasskeyError } from '@acme/passkey-core';
import { createMemoryRateLimit, createPasskeyHandler, type PasskeyServer } from '@acme/passkey-server';
import type { Accounts } from './accounts';
import { addressOf } from './client';
import type { Sessions } from './sessions';

/**
 * The step-up action of the security verification: a passkey signature over `{}` that marks the
 * session as verified with a passkey, so that it may add or remove passkeys for a few minutes.
 */
export const ACCOUNT_VERIFY = 'account.verify';

/** Passkey ceremonies anyone may start without a session, per address and minute. */
export const PASSKEY_RATE_LIMIT = { limit: 60, windowSeconds: 60 } as const;

/**
 * The SDK's handler as the demo mounts it at `/api/passkeys`: its sessions, the client's address
 * and browser for events, a rate limit on sign-in, and the two hooks that set the session.
 */
export function passkeyHandler(deps: {
  passkeys: PasskeyServer;
  accounts: Accounts;
  sessions: Sessions;
  now: () => Date;
}) {
  const { passkeys, accounts, sessions, now } = deps;
  return createPasskeyHandler(passkeys, {
    basePath: '/api/passkeys',
    async getSession(request) {
      const session = sessions.get(request);
      const account = session && (await accounts.byId(session.userId));
      if (!session || !account) return null;
      const user = { id: account.id, name: account.username, displayName: account.username };
      return { user, lastVerifiedAt: session.verifiedAt, lastVerifiedWith: session.verifiedWith };
    },
    // For the security activity: where a passkey was added or removed, and with which browser.
    clientInfo: (request) => ({
      ip: addressOf(request)?.ip,
      userAgent: request.headers.get('user-agent') ?? undefined,
    }),
    // Sign-in ceremonies per address; requests without one (in-process tests) share a count.
    rateLimit: createMemoryRateLimit({
      ...PASSKEY_RATE_LIMIT,
      key: (request) => addressOf(request)?.ip ?? null, // the SDK counts IPv6 per /64
      now: () => now().getTime(),
    }),
    // A passkey sign-in verifies with a passkey; the session remembers it, and ends with it.
    onSignedIn: ({ userId, passkey }) => ({
      'set-cookie': sessions.create(userId, { passkeyId: passkey.id }),
    }),
    // Only the security verification marks the session: approving a release approves that release.
    async onVerified(result, request) {
      if (result.action !== ACCOUNT_VERIFY) return;
      const session = sessions.get(request);
      if (!session) return;
      try {
        // Exactly `account.verify` over `{}`, for this user: the SDK checks it and spends it.
        await passkeys.verifyReceipt(result.receipt, {
          userId: session.userId,
          action: ACCOUNT_VERIFY,
          details: {},
        });
      } catch (err) {
        if (isPasskeyError(err)) return;
        throw err;
      }
      sessions.markVerified(request, { at: now(), method: 'passkey', passkeyId: result.passkeyId });
    },
  });
}
