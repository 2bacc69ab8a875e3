import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  isVerificationFresh,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createPasskeyHandler, createPasskeyServer } from '@acme/passkey-server';
import { type Context, Hono } from 'hono';
import { type Account, createAccounts } from './accounts';
import type { DemoConfig } from './config';
import { type DemoData, memoryData } from './data';
import { DemoError, errorResponse, jsonResponse } from './errors';
import { createOrders } from './p2p';
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

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

async function readJson(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new DemoError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new DemoError('INVALID_REQUEST', 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DemoError('INVALID_REQUEST', 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

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

  const passkeys = createPasskeyServer({
    rp: { id: config.rpId, name: 'Acme Exchange (demo)' },
    origins: [config.origin],
    ...stores,
    policy,
    now,
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    // One process, one key: receipts are verified where they are issued.
    receipts: {
      privateKey:
        options.receiptKey ??
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
    },
  });
  const data = options.data ?? memoryData();
  const accounts = createAccounts(data);
  const sessions = createSessions({ secure: config.origin.startsWith('https:'), now });
  const orders = createOrders(passkeys, data);

  const signedIn = async (request: Request): Promise<{ account: Account; verifiedAt: Date | null }> => {
    const session = sessions.get(request);
    const account = session && (await accounts.byId(session.userId));
    if (!session || !account) throw new DemoError('NOT_SIGNED_IN', 'Sign in first');
    return { account, verifiedAt: session.verifiedAt };
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
    // Usernames are case-insensitive: the fake answers for unknown names must be too.
    normalizeUsername: (username) => username.toLowerCase(),
    findUser: (username) => accounts.byUsername(username),
    // A passkey sign-in is a fresh security verification.
    onSignedIn: ({ userId }) => ({ 'set-cookie': sessions.create(userId, now()) }),
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

  const passkeyRoute = async (c: Context) => (await handlePasskeys(c.req.raw)) ?? c.notFound();
  app.all('/api/passkeys', passkeyRoute);
  app.all('/api/passkeys/*', passkeyRoute);

  app.get('/api/config', () =>
    jsonResponse(200, {
      rpId: config.rpId,
      storage: { kind: storage.kind, label: storage.label },
      stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
    }),
  );

  app.post('/api/account/signup', async (c) => {
    const user = await accounts.signup(await readJson(c));
    return jsonResponse(201, { user }, { 'set-cookie': sessions.create(user.id, now()) });
  });
  app.post('/api/account/login', async (c) => {
    const user = await accounts.login(await readJson(c));
    return jsonResponse(200, { user }, { 'set-cookie': sessions.create(user.id, now()) });
  });
  app.post('/api/account/logout', (c) =>
    jsonResponse(200, { signedOut: true }, { 'set-cookie': sessions.destroy(c.req.raw) }),
  );
  app.get('/api/account/me', async (c) => {
    const { account, verifiedAt } = await signedIn(c.req.raw);
    return jsonResponse(200, {
      user: account,
      verifiedAt,
      verificationFresh: isVerificationFresh(verifiedAt, now(), policy),
    });
  });
  app.post('/api/account/verify', async (c) => {
    const { account } = await signedIn(c.req.raw);
    await accounts.verifyPassword(account.id, (await readJson(c)).password);
    const verifiedAt = now();
    sessions.markVerified(c.req.raw, verifiedAt);
    return jsonResponse(200, { verifiedAt });
  });

  app.get('/api/p2p/orders', async (c) =>
    jsonResponse(200, { orders: await orders.list((await signedIn(c.req.raw)).account.id) }),
  );
  app.post('/api/p2p/orders', async (c) => {
    const { account } = await signedIn(c.req.raw);
    return jsonResponse(201, { order: await orders.create(account.id, await readJson(c)) });
  });
  app.post('/api/p2p/orders/:id/release', async (c) => {
    const { account } = await signedIn(c.req.raw);
    const { receipt } = await readJson(c);
    return jsonResponse(200, { order: await orders.release(account.id, c.req.param('id'), receipt) });
  });

  if (config.testRoutes) {
    // Makes the session's last verification stale, so tests see the re-verification step.
    app.post('/api/test/expire-verification', async (c) => {
      await signedIn(c.req.raw);
      sessions.markVerified(c.req.raw, new Date(now().getTime() - (config.stepUpMaxAgeSeconds + 60) * 1000));
      return jsonResponse(200, { expired: true });
    });
  }

  const webDir = options.webDir;
  if (webDir) {
    for (const [route, { file, type }] of Object.entries(STATIC)) {
      app.get(route, async () => {
        const body = await readFile(path.join(webDir, file));
        return new Response(body, { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
      });
    }
  }

  return { app, passkeys, accounts, sessions, orders };
}

/** What {@link createDemoApp} returns. */
export type DemoApp = ReturnType<typeof createDemoApp>;
