import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
  type VerificationMethod,
} from '@acme/passkey-core';
import { createSoftwareAuthenticator, type SoftwareAuthenticatorOptions } from '@acme/passkey-testing';
import { expect } from 'vitest';
import {
  createPasskeyHandler,
  createPasskeyServer,
  type PasskeyHandlerOptions,
  type PasskeyServerConfig,
  type PasskeySession,
} from '../src/index';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://example.com';
export const ANDROID_ORIGIN = 'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU';
export const BASE = '/passkeys';
export const SECRET = 'a-shared-secret-of-32-characters';

/** The protocol's error table, written out from the documentation (not taken from the server's own map). */
export const DOCUMENTED_STATUS: Readonly<Record<string, number>> = {
  INVALID_REQUEST: 400,
  INVALID_NAME: 400,
  NOT_SIGNED_IN: 401,
  STEP_UP_REQUIRED: 403,
  CROSS_SITE_REQUEST: 403,
  AUTHENTICATOR_NOT_ALLOWED: 403,
  ATTESTATION_NOT_TRUSTED: 403,
  PASSKEY_ON_HOLD: 403,
  CREDENTIAL_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PASSKEY_LIMIT_REACHED: 409,
  CREDENTIAL_ALREADY_REGISTERED: 409,
  CONFIRMATION_REQUIRED: 409,
  RECEIPT_REPLAYED: 409,
  CEREMONY_NOT_FOUND: 410,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ORIGIN_MISMATCH: 422,
  RP_ID_MISMATCH: 422,
  USER_VERIFICATION_REQUIRED: 422,
  VERIFICATION_FAILED: 422,
  COUNTER_REGRESSION: 422,
  RECEIPT_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  STORE_UNAVAILABLE: 503,
};

export const alice = { id: 'user-alice', name: 'alice@example.com', displayName: 'Alice' };
export const bob = { id: 'user-bob', name: 'bob@example.com', displayName: 'Bob' };
/** Known to the app (findUser finds her) but without any passkey. */
export const carol = { id: 'user-carol', name: 'carol@example.com', displayName: 'Carol' };
const USERS = [alice, bob, carol];

type User = typeof alice;

export interface HttpSetupOptions {
  config?: Partial<PasskeyServerConfig>;
  handler?: Partial<PasskeyHandlerOptions>;
}

/**
 * A server and its handler on a frozen clock, memory stores, a recording logger and an
 * in-memory session table: a session is found by the cookie `sid=<token>` or the header
 * `x-test-session: <token>`. onSignedIn opens a session (Set-Cookie); onVerified marks the
 * request's session as freshly verified.
 */
export function httpSetup(options: HttpSetupOptions = {}) {
  const clock = { now: new Date('2026-06-01T12:00:00.000Z') };
  const logged: { level: 'warn' | 'error'; args: unknown[] }[] = [];
  const logger = {
    warn: (...args: unknown[]) => void logged.push({ level: 'warn', args }),
    error: (...args: unknown[]) => void logged.push({ level: 'error', args }),
  };
  const store = options.config?.store ?? createMemoryPasskeyStore();
  const challenges = options.config?.challenges ?? createMemoryChallengeStore();
  const server = createPasskeyServer({
    rp: { id: RP_ID, name: 'Example' },
    origins: [ORIGIN, ANDROID_ORIGIN],
    now: () => clock.now,
    logger,
    secret: SECRET,
    findUser: (username) => USERS.find((u) => u.name === username) ?? null,
    ...options.config,
    store,
    challenges,
  });

  const sessions = new Map<string, PasskeySession>();
  let next = 0;
  /**
   * Opens a session. By default freshly verified with a second factor (strong enough for any
   * account change); tests of verification strength say `'password'`.
   */
  const signIn = (
    user: User,
    lastVerifiedAt: Date | null = clock.now,
    lastVerifiedWith: VerificationMethod = 'second-factor',
  ): string => {
    const token = `t${++next}-${user.id}`;
    sessions.set(token, { user, lastVerifiedAt, lastVerifiedWith });
    return token;
  };
  const tokenOf = (request: Request): string | null => {
    const header = request.headers.get('x-test-session');
    if (header !== null) return header;
    const cookie = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '');
    return cookie?.[1] ?? null;
  };
  const signedIn: { userId: string; token: string }[] = [];
  const verified: string[] = [];

  const handle = createPasskeyHandler(server, {
    basePath: BASE,
    getSession: (request) => sessions.get(tokenOf(request) ?? '') ?? null,
    onSignedIn: ({ userId }) => {
      const user = USERS.find((u) => u.id === userId)!;
      const token = signIn(user);
      signedIn.push({ userId, token });
      return { 'set-cookie': `sid=${token}; Path=/; HttpOnly; Secure; SameSite=Lax` };
    },
    onVerified: (_result, request) => {
      const token = tokenOf(request)!;
      const session = sessions.get(token)!;
      sessions.set(token, { ...session, lastVerifiedAt: clock.now, lastVerifiedWith: 'passkey' });
      verified.push(token);
      return { 'x-session-verified': 'now' };
    },
    ...options.handler,
  });

  /**
   * Sends one request through the handler. `origin: false` sends no Origin header (a native
   * app); by default the page's own origin is sent, as a browser does. `body` is JSON-encoded
   * with `Content-Type: application/json` unless `raw` is given.
   */
  const send = async (call: Call): Promise<Response> => {
    const request = toRequest(call);
    const response = await handle(request);
    if (response === null) throw new Error(`${call.method ?? 'GET'} ${call.path} was not handled`);
    return response;
  };

  const advance = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };

  return {
    server,
    handle,
    send,
    clock,
    advance,
    store,
    challenges,
    logged,
    sessions,
    signIn,
    signedIn,
    verified,
  };
}

export type HttpSetup = ReturnType<typeof httpSetup>;

export interface Call {
  method?: string;
  path: string;
  body?: unknown;
  /** A raw body, sent as is (no Content-Type is added). */
  raw?: BodyInit;
  token?: string;
  origin?: string | false;
  headers?: Record<string, string>;
}

export function toRequest(call: Call): Request {
  const method = call.method ?? (call.body === undefined && call.raw === undefined ? 'GET' : 'POST');
  const headers = new Headers(call.headers);
  if (call.origin !== false) headers.set('origin', call.origin ?? ORIGIN);
  if (call.token !== undefined) headers.set('cookie', `sid=${call.token}`);
  let body: BodyInit | undefined = call.raw;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body !== undefined) {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = 'half';
  }
  return new Request(`https://example.com${call.path}`, init);
}

/** The JSON body of a response, after checking the headers every response carries. */
export async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return JSON.parse(await response.text());
}

/**
 * Asserts a response is the protocol's error for `code`: the table's status, and a body that is
 * exactly `{ error: { code, message, details? } }`. Returns the error object.
 */
export async function expectError(response: Response, code: string) {
  const body = await jsonOf(response);
  expect(body.error, JSON.stringify(body)).toMatchObject({ code });
  expectErrorShape(body);
  expect(response.status).toBe(DOCUMENTED_STATUS[code]);
  return body.error as { code: string; message: string; details?: Record<string, unknown> };
}

/** `{ error: { code, message, details? } }` and nothing else, with the code's status from the error table. */
export function expectErrorShape(body: Record<string, unknown>) {
  expect(Object.keys(body)).toEqual(['error']);
  const error = body.error as Record<string, unknown>;
  expect(typeof error).toBe('object');
  expect(Object.keys(error).sort()).toEqual(
    'details' in error ? ['code', 'details', 'message'] : ['code', 'message'],
  );
  expect(typeof error.code).toBe('string');
  expect(Object.hasOwn(DOCUMENTED_STATUS, error.code as string)).toBe(true);
  expect(typeof error.message).toBe('string');
  if ('details' in error) {
    expect(typeof error.details).toBe('object');
    expect(error.details).not.toBeNull();
    expect(Array.isArray(error.details)).toBe(false);
  }
}

export function authenticator(options: SoftwareAuthenticatorOptions = {}) {
  return createSoftwareAuthenticator({ attachment: 'platform', ...options });
}

export type Authenticator = ReturnType<typeof authenticator>;

/** register/options then register/verify over HTTP; returns both responses' bodies. */
export async function registerOverHttp(
  h: HttpSetup,
  auth: Authenticator,
  token: string,
  extra: { name?: string } = {},
) {
  const start = await h.send({ path: `${BASE}/register/options`, body: {}, token });
  expect(start.status).toBe(200);
  const { ceremonyId, options } = (await start.json()) as { ceremonyId: string; options: never };
  const response = await auth.create(options, { origin: ORIGIN });
  const finish = await h.send({
    path: `${BASE}/register/verify`,
    body: { ceremonyId, response, ...extra },
    token,
  });
  expect(finish.status).toBe(201);
  const { passkey } = (await finish.json()) as { passkey: PasskeyJson };
  return { passkey, options: options as { user: { id: string } } };
}

/** login/options then the authenticator's assertion: a login/verify body ready to send. */
export async function loginBody(h: HttpSetup, auth: Authenticator, options: { username?: string } = {}) {
  const start = await h.send({ path: `${BASE}/login/options`, body: options });
  expect(start.status).toBe(200);
  const { ceremonyId, options: requestOptions } = (await start.json()) as {
    ceremonyId: string;
    options: never;
  };
  const response = await auth.get(requestOptions, { origin: ORIGIN });
  return { ceremonyId, response };
}

/** step-up/options then the authenticator's assertion: a step-up/verify body ready to send. */
export async function stepUpBody(h: HttpSetup, auth: Authenticator, token: string) {
  const start = await h.send({ path: `${BASE}/step-up/options`, body: STEP_UP, token });
  expect(start.status).toBe(200);
  const { ceremonyId, options } = (await start.json()) as { ceremonyId: string; options: never };
  const response = await auth.get(options, { origin: ORIGIN });
  return { ceremonyId, response };
}

export const STEP_UP = {
  action: 'p2p.release',
  details: { orderId: 'o-1', amount: '10.50', asset: 'USDT' },
};

/** A PasskeyView as JSON. */
export interface PasskeyJson {
  id: string;
  name: string;
  provider: { name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  synced: boolean;
  deviceType: string;
  transports: string[];
  attachment: string | null;
}

/** A well-formed ceremony ID that no ceremony has. */
export const UNKNOWN_CEREMONY = 'AAAAAAAAAAAAAAAAAAAAAAAA';
/** A well-formed credential ID (32 bytes) that no passkey has. */
export const UNKNOWN_ID = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

/** A store whose methods throw while `failing` holds their name; nothing is written then. */
export function failingStores(
  store: PasskeyStore = createMemoryPasskeyStore(),
  challenges: ChallengeStore = createMemoryChallengeStore(),
) {
  const failing = new Set<string>();
  const wrap = <T extends object>(target: T): T => {
    const out: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(target)) {
      out[key] = (...args: unknown[]) => {
        if (failing.has(key) || failing.has('*')) throw new Error(`db down: ${key} secret-detail-42`);
        return (fn as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
    return out as T;
  };
  return { store: wrap(store), challenges: wrap(challenges), raw: { store, challenges }, failing };
}
