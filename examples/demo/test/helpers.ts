import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { createDemoApp, type DemoAppOptions } from '../src/server/app';
import { readConfig } from '../src/server/config';

export const ORIGIN = 'http://localhost:3000';
/** The default security hold on releases by a new passkey. */
export const RELEASE_HOLD_SECONDS = readConfig({}).releaseHoldSeconds;
export const PASSWORD = 'correct horse battery staple';

/** A demo app (memory stores unless given others) with a clock the test moves. */
export function makeDemo(
  options: Pick<DemoAppOptions, 'stores' | 'data' | 'storage'> = {},
  env: NodeJS.ProcessEnv = {},
) {
  let time = Date.parse('2026-03-01T10:00:00Z');
  const clock = {
    now: () => new Date(time),
    advance(seconds: number) {
      time += seconds * 1000;
    },
  };
  const demo = createDemoApp({ ...options, config: readConfig(env), now: clock.now });
  return { ...demo, clock };
}

type Demo = ReturnType<typeof makeDemo>;

/**
 * A browser-like client of the app: one cookie jar, JSON in and out; `address` is the
 * connection's address the app sees (none by default, as for in-process requests), `userAgent`
 * its User-Agent header.
 */
export function browserOf(demo: Demo, options: { address?: string; userAgent?: string } = {}) {
  let cookie = '';
  const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined;
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await demo.app.request(
      path,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      },
      env,
    );
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
    const json: any = text ? JSON.parse(text) : null;
    return { status: res.status, json, headers: res.headers };
  }
  return {
    request,
    get: (path: string) => request('GET', path),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) =>
      request('POST', path, body, headers),
    get cookie() {
      return cookie;
    },
  };
}

export type TestBrowser = ReturnType<typeof browserOf>;

/** Signs up a new user in this browser. */
export async function signUp(
  browser: TestBrowser,
  username = `user${Math.random().toString(36).slice(2, 8)}`,
) {
  const res = await browser.post('/api/account/signup', { username, password: PASSWORD });
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.user as { id: string; username: string };
}

/** A software authenticator answering as a browser on the demo's origin would. */
export function makeAuthenticator() {
  return createSoftwareAuthenticator({ attachment: 'platform' });
}

type Authenticator = ReturnType<typeof makeAuthenticator>;

/** Creates a passkey for the signed-in user through the HTTP protocol. */
export async function registerPasskey(
  browser: TestBrowser,
  authenticator: Authenticator,
  options: { mediation?: 'conditional'; flags?: { up?: boolean; uv?: boolean } } = {},
) {
  const started = await browser.post(
    '/api/passkeys/register/options',
    options.mediation ? { mediation: options.mediation } : {},
  );
  if (started.status !== 200) return started;
  const response = await authenticator.create(started.json.options, {
    origin: ORIGIN,
    ...(options.flags ? { flags: options.flags } : {}),
  });
  return browser.post('/api/passkeys/register/verify', { ceremonyId: started.json.ceremonyId, response });
}

/** A passkey step-up for one action; resolves to the verify response (with the receipt). */
export async function stepUp(
  browser: TestBrowser,
  authenticator: Authenticator,
  action: string,
  details: object,
) {
  const started = await browser.post('/api/passkeys/step-up/options', { action, details });
  if (started.status !== 200)
    throw new Error(`step-up/options: ${started.status} ${JSON.stringify(started.json)}`);
  const response = await authenticator.get(started.json.options, { origin: ORIGIN });
  return browser.post('/api/passkeys/step-up/verify', { ceremonyId: started.json.ceremonyId, response });
}

/** Signs a new browser in with a passkey of the authenticator; resolves to it and the passkey's ID. */
export async function passkeySignIn(demo: Demo, authenticator: Authenticator) {
  const browser = browserOf(demo);
  const started = await browser.post('/api/passkeys/login/options', {});
  const response = await authenticator.get(started.json.options, { origin: ORIGIN });
  const done = await browser.post('/api/passkeys/login/verify', {
    ceremonyId: started.json.ceremonyId,
    response,
  });
  if (done.status !== 200) throw new Error(`login/verify: ${done.status} ${JSON.stringify(done.json)}`);
  return { browser, passkeyId: response.id as string };
}
