import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createMemoryRateLimit, createPasskeyHandler, createPasskeyServer } from '@acme/passkey-server';
import { type Context, Hono } from 'hono';
import { accountRoutes } from './account-routes';
import { createAccounts } from './accounts';
import { addressOf, rememberAddress } from './client';
import type { DemoConfig } from './config';
import { type DemoData, memoryData } from './data';
import { DemoError, errorResponse, jsonResponse } from './errors';
import { limitBody, SECURITY_HEADERS, servePage } from './http';
import { createOrders } from './p2p';
import { p2pRoutes } from './p2p-routes';
import { createPasswordGuard } from './passwords';
import { createSessions } from './sessions';

/** Where the data lives, as the page tells the user. */
export interface StorageInfo {
  kind: 'memory' | 'pglite' | 'postgres';
  /** One sentence for the page, e.g. "in memory — restarts forget everything". */
  label: string;
  /** The data folder, for the console only. */
  location?: string;
}

export interface DemoAppOptions {
  config: DemoConfig;
  /** Passkeys and ceremonies; default: in memory. */
  stores?: { store: PasskeyStore; challenges: ChallengeStore };
  /** Accounts and orders; default: in memory. */
  data?: DemoData;
  storage?: StorageInfo;
  /** The built page (`index.html`, `app.js`, `styles.css`); without it only the API is served. */
  webDir?: string;
  /** The passkey server's `secret` (see `loadSecret`); default: one made for this process. */
  secret?: string;
  /** The P-256 key that signs step-up receipts; default: one made for this process. */
  receiptKey?: JsonWebKey;
  now?: () => Date;
}

const MEMORY: StorageInfo = { kind: 'memory', label: 'in memory — restarts forget everything' };

/** Passkey ceremonies anyone may start without a session, per address and minute. */
export const PASSKEY_RATE_LIMIT = { limit: 60, windowSeconds: 60 } as const;

/**
 * The demo: accounts with passwords, sessions, the passkey handler under `/api/passkeys`, P2P
 * orders released with a passkey step-up receipt, and the page. Everything the SDK owns
 * (ceremonies, limits, freshness, receipts) stays in the SDK.
 */
export function createDemoApp(options: DemoAppOptions) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const stores = options.stores ?? {
    store: createMemoryPasskeyStore(),
    challenges: createMemoryChallengeStore(),
  };
  const storage = options.storage ?? MEMORY;
  const policy = { stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds };

  const data = options.data ?? memoryData();
  const accounts = createAccounts(data);
  const passkeys = createPasskeyServer({
    rp: { id: config.rpId, name: 'Acme Exchange (demo)' },
    origins: [config.origin],
    ...stores,
    policy,
    now,
    // Usernames are case-insensitive: the answers for unknown names must be too.
    normalizeUsername: (username) => username.toLowerCase(),
    findUser: (username) => accounts.byUsername(username),
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    // One process, one key: receipts are verified where they are issued.
    receipts: {
      privateKey:
        options.receiptKey ??
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
    },
  });
  const sessions = createSessions({ secure: config.origin.startsWith('https:'), now });
  const orders = createOrders(passkeys, data);
  const checkPassword = createPasswordGuard({ now });

  const signedIn = async (request: Request) => {
    const session = sessions.get(request);
    const account = session && (await accounts.byId(session.userId));
    if (!session || !account) throw new DemoError('NOT_SIGNED_IN', 'Sign in first');
    return { account, session };
  };

  const handlePasskeys = createPasskeyHandler(passkeys, {
    basePath: '/api/passkeys',
    async getSession(request) {
      const session = sessions.get(request);
      const account = session && (await accounts.byId(session.userId));
      if (!session || !account) return null;
      const user = { id: account.id, name: account.username, displayName: account.username };
      return { user, lastVerifiedAt: session.verifiedAt };
    },
    // Sign-in ceremonies per address; requests without one (in-process tests) share a count.
    rateLimit: createMemoryRateLimit({
      ...PASSKEY_RATE_LIMIT,
      key: (request) => addressOf(request)?.key ?? 'no address',
      now: () => now().getTime(),
    }),
    // A passkey sign-in is a fresh security verification.
    // It remembers the passkey, whose removal ends it.
    onSignedIn: ({ userId, passkey }) => ({
      'set-cookie': sessions.create(userId, now(), { passkeyId: passkey.id }),
    }),
    onVerified: (_result, request) => sessions.markVerified(request),
  });

  const app = new Hono();
  app.onError((err) => errorResponse(err));
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? errorResponse(new DemoError('NOT_FOUND', 'No such route'))
      : c.text('Not found', 404),
  );

  app.use('*', async (c, next) => {
    // Cookies are SameSite=Lax; refusing foreign origins also stops cross-site form posts.
    const origin = c.req.header('origin');
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      origin !== undefined &&
      origin !== config.origin
    ) {
      return errorResponse(new DemoError('CROSS_SITE_REQUEST', 'This request comes from another site'));
    }
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  // The demo's own routes read at most 16 KiB; the passkey handler has its own limit.
  for (const prefix of ['/api/account/*', '/api/p2p/*', '/api/test/*']) app.use(prefix, limitBody);

  const passkeyRoute = async (c: Context) => {
    rememberAddress(c);
    return (await handlePasskeys(c.req.raw)) ?? c.notFound();
  };
  app.all('/api/passkeys', passkeyRoute);
  app.all('/api/passkeys/*', passkeyRoute);

  app.get('/api/config', () =>
    jsonResponse(200, {
      rpId: config.rpId,
      storage: { kind: storage.kind, label: storage.label },
      stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
    }),
  );
  accountRoutes(app, { now, policy, accounts, sessions, checkPassword, signedIn });
  p2pRoutes(app, { orders, signedIn });

  if (config.testRoutes) {
    // Makes the session's last verification stale, so tests see the re-verification step.
    app.post('/api/test/expire-verification', async (c) => {
      await signedIn(c.req.raw);
      sessions.markVerified(c.req.raw, new Date(now().getTime() - (config.stepUpMaxAgeSeconds + 60) * 1000));
      return jsonResponse(200, { expired: true });
    });
  }
  if (options.webDir) servePage(app, options.webDir);

  return { app, passkeys, accounts, sessions, orders };
}

/** What {@link createDemoApp} returns. */
export type DemoApp = ReturnType<typeof createDemoApp>;
