import { vi } from 'vitest';

/** A request as the client sent it. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

type Reply = [status: number, body: unknown] | Promise<[number, unknown]>;

/**
 * A `fetch` that answers from `routes` ("METHOD /path" → reply, or a function of the body)
 * and records every request.
 */
export function recordingFetch(routes: Record<string, Reply | ((body: unknown, n: number) => Reply)>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({
      method: init.method ?? 'GET',
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      credentials: init.credentials,
      body,
    });
    init.signal?.throwIfAborted();
    const key = `${init.method ?? 'GET'} ${url}`;
    const route = routes[key];
    if (!route) throw new Error(`no route for ${key}`);
    const count = sent.filter((s) => `${s.method} ${s.url}` === key).length;
    const [status, json] = await (typeof route === 'function' ? route(body, count) : route);
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const bytes = (text: string) => new TextEncoder().encode(text).buffer;

/** What `navigator.credentials.create()` resolves to, enough for SimpleWebAuthn to serialise. */
export const attestation = (id = 'Y3JlZC0x') => ({
  id,
  rawId: bytes('cred-1'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: {
    attestationObject: bytes('attestation'),
    clientDataJSON: bytes('{"type":"webauthn.create"}'),
    getTransports: () => ['internal'],
  },
});

/** What `navigator.credentials.get()` resolves to. */
export const assertion = (id = 'Y3JlZC0x') => ({
  id,
  rawId: bytes('cred-1'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: {
    authenticatorData: bytes('authData'),
    clientDataJSON: bytes('{"type":"webauthn.get"}'),
    signature: bytes('sig'),
    userHandle: bytes('handle'),
  },
});

/** Resolves never; rejects with the abort reason, as browsers do, when the ceremony is aborted. */
export const untilAborted = (options: { signal?: AbortSignal | null }) =>
  new Promise((_, reject) => {
    options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
  });

type Ceremony = (options: {
  signal?: AbortSignal | null;
  mediation?: CredentialMediationRequirement;
}) => Promise<unknown>;

/**
 * Installs the browser globals SimpleWebAuthn and the client touch: `PublicKeyCredential`
 * (static feature checks and signal methods), `navigator.credentials`, an autofill
 * `<input>` in `document`, and `location`. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeBrowser(
  opts: {
    capabilities?: Record<string, boolean>;
    autofill?: boolean;
    input?: boolean;
    signals?: boolean;
  } = {},
) {
  const { autofill = true, input = true, signals = true } = opts;
  const calls = {
    create: [] as CredentialCreationOptions[],
    get: [] as CredentialRequestOptions[],
    signals: [] as { name: string; options: unknown }[],
  };
  const browser = {
    calls,
    create: (async () => attestation()) as Ceremony,
    get: (async () => assertion()) as Ceremony,
    conditionalMediation: async () => autofill,
  };
  const signal = (name: string) => async (options: unknown) => {
    calls.signals.push({ name, options });
  };
  const PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, {
    isConditionalMediationAvailable: () => browser.conditionalMediation(),
    isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
    ...(opts.capabilities && { getClientCapabilities: async () => opts.capabilities }),
    ...(signals && {
      signalUnknownCredential: signal('signalUnknownCredential'),
      signalAllAcceptedCredentials: signal('signalAllAcceptedCredentials'),
      signalCurrentUserDetails: signal('signalCurrentUserDetails'),
    }),
  });
  const field = { autocomplete: 'username webauthn' };
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential);
  vi.stubGlobal('navigator', {
    credentials: {
      create: (o: CredentialCreationOptions) => {
        calls.create.push(o);
        return browser.create(o);
      },
      get: (o: CredentialRequestOptions) => {
        calls.get.push(o);
        return browser.get(o);
      },
    },
  });
  vi.stubGlobal('document', {
    querySelector: () => (input ? field : null),
    querySelectorAll: () => (input ? [field] : []),
  });
  vi.stubGlobal('location', { hostname: 'localhost' });
  return browser;
}

/** Options as the server sends them for `create()`. */
export const creationOptions = {
  challenge: 'Y2hhbGxlbmdl',
  rp: { name: 'Example', id: 'localhost' },
  user: { id: 'dXNlci1oYW5kbGU', name: 'alice', displayName: 'Alice' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  timeout: 60_000,
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
};

/** Options as the server sends them for `get()`. */
export const requestOptions = (timeout = 60_000) => ({
  challenge: 'Y2hhbGxlbmdl',
  rpId: 'localhost',
  timeout,
  userVerification: 'required',
  allowCredentials: [],
});

/** A `PasskeyView` as JSON. */
export const passkeyJSON = (id = 'Y3JlZC0x', name = 'iCloud Keychain') => ({
  id,
  name,
  provider: { name: 'iCloud Keychain' },
  createdAt: '2025-01-02T03:04:05.000Z',
  lastUsedAt: null,
  synced: true,
  deviceType: 'multiDevice',
  transports: ['internal', 'hybrid'],
  attachment: 'platform',
  prf: false,
});
