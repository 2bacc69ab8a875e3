import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyPolicy,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createPasskeyServer } from '@acme/passkey-server';
import { type Context, Hono } from 'hono';
import { accountRoutes } from './account-routes';
import { createAccounts } from './accounts';
import { type ActivityLog, activityOf, memoryActivity } from './activity';
import { rememberAddress } from './client';
import type { DemoConfig } from './config';
import { type DemoData, memoryData } from './data';
import { DemoError, errorResponse, jsonResponse } from './errors';
import { limitBody, SECURITY_HEADERS, servePage } from './http';
import { createOrders, RELEASE_ACTION } from './p2p';
import { p2pRoutes } from './p2p-routes';
import { passkeyHandler } from './passkey-routes';
import { createPasswordGuard } from './passwords';
import { createSessions } from './sessions';
import { wellKnownRoutes } from './well-known';

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
  /** The users' recent security activity; default: in memory. */
  activity?: ActivityLog;
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
  const policy: Pick<PasskeyPolicy, 'stepUpMaxAgeSeconds' | 'strongVerification' | 'actions'> = {
    stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
    // The demo has no second factor: once a user has a passkey, only a passkey changes them.
    strongVerification: ['passkey'],
    // The security hold: a new passkey approves no release before it is this old.
    actions:
      config.releaseHoldSeconds > 0
        ? { [RELEASE_ACTION]: { minPasskeyAgeSeconds: config.releaseHoldSeconds } }
        : {},
  };

  const data = options.data ?? memoryData();
  const accounts = createAccounts(data);
  const sessions = createSessions({ secure: config.origin.startsWith('https:'), now });
  const activity = options.activity ?? memoryActivity();
  const nameOf = async (passkeyId: string) => (await stores.store.get(passkeyId))?.name ?? null;
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
    async onEvent(event) {
      // A removed passkey ends the sessions it opened, and its verifications count no more.
      if (event.type === 'passkey.removed' && event.userId && event.passkeyId) {
        sessions.passkeyRemoved(event.userId, event.passkeyId);
      }
      // The Security center's "Recent security activity".
      const line = await activityOf(event, { releaseAction: RELEASE_ACTION, nameOf });
      if (line) await activity.add(line.userId, line.activity);
    },
  });
  const orders = createOrders(passkeys, data);
  const checkPassword = createPasswordGuard({ now });

  const signedIn = async (request: Request) => {
    const session = sessions.get(request);
    const account = session && (await accounts.byId(session.userId));
    if (!session || !account) throw new DemoError('NOT_SIGNED_IN', 'Sign in first');
    return { account, session };
  };
  const handlePasskeys = passkeyHandler({ passkeys, accounts, sessions, now });

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
      releaseHoldSeconds: config.releaseHoldSeconds,
    }),
  );
  wellKnownRoutes(app, config.origin);
  accountRoutes(app, { now, policy, passkeys, accounts, sessions, activity, checkPassword, signedIn });
  p2pRoutes(app, { orders, signedIn });

  if (config.testRoutes) {
    // Makes the session's last verification stale, so tests see the re-verification step.
    app.post('/api/test/expire-verification', async (c) => {
      const { session } = await signedIn(c.req.raw);
      const at = new Date(now().getTime() - (config.stepUpMaxAgeSeconds + 60) * 1000);
      sessions.markVerified(c.req.raw, { at, method: session.verifiedWith });
      return jsonResponse(200, { expired: true });
    });
  }
  if (options.webDir) servePage(app, options.webDir);

  return { app, passkeys, accounts, sessions, orders };
}

/** What {@link createDemoApp} returns. */
export type DemoApp = ReturnType<typeof createDemoApp>;
