/** The demo's own routes (accounts and P2P orders); passkey routes go through the SDK's client. */

export interface User {
  id: string;
  username: string;
}
export interface Order {
  id: string;
  amount: string;
  asset: string;
  status: 'open' | 'released';
}
/** Who is signed in, and what a change of passkeys needs now. */
export interface Me {
  user: User;
  verifiedAt: string | null;
  verifiedWith: 'password' | 'passkey' | 'second-factor';
  verificationFresh: boolean;
  /** Whether adding or removing a passkey may go ahead now; else which verification would do. */
  accountVerification: { done: boolean; methods: string[] };
  /** The passkey this session was opened with, if any. */
  passkeyId: string | null;
}

/** The demo's settings the page shows. */
export interface Config {
  rpId: string;
  storage: { kind: string; label: string };
  stepUpMaxAgeSeconds: number;
  /** A new passkey approves no P2P release before it is this old; 0: no hold. */
  releaseHoldSeconds: number;
}

/** One line of the recent security activity. */
export interface Activity {
  type: 'passkey.added' | 'passkey.removed' | 'passkey.renamed' | 'release.approved';
  at: string;
  passkey: { id: string; name: string };
  /** e.g. "Chrome on Windows"; null when unknown. */
  device: string | null;
}

export interface ApiError {
  code: string;
  message: string;
  /** `RATE_LIMITED`: `retryAfterSeconds`. */
  details?: unknown;
}
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: 'NETWORK_ERROR', message: 'The server cannot be reached.' },
    };
  }
  const json = (await response.json().catch(() => null)) as { error?: ApiError } | null;
  if (response.ok && json) return { ok: true, data: json as T };
  const error = json?.error ?? { code: 'INTERNAL_ERROR', message: `The server answered ${response.status}.` };
  return { ok: false, status: response.status, error };
}

export const api = {
  config: () => call<Config>('GET', '/api/config'),
  me: () => call<Me>('GET', '/api/account/me'),
  signup: (username: string, password: string) =>
    call<{ user: User }>('POST', '/api/account/signup', { username, password }),
  login: (username: string, password: string) =>
    call<{ user: User }>('POST', '/api/account/login', { username, password }),
  logout: () => call<unknown>('POST', '/api/account/logout', {}),
  activity: () => call<{ activity: Activity[] }>('GET', '/api/account/activity'),
  logoutEverywhere: () => call<{ signedOut: number }>('POST', '/api/account/logout-everywhere', {}),
  verify: (password: string) => call<{ verifiedAt: string }>('POST', '/api/account/verify', { password }),
  orders: () => call<{ orders: Order[] }>('GET', '/api/p2p/orders'),
  createOrder: (amount: string, asset: string) =>
    call<{ order: Order }>('POST', '/api/p2p/orders', { amount, asset }),
  release: (id: string, receipt: string) =>
    call<{ order: Order }>('POST', `/api/p2p/orders/${encodeURIComponent(id)}/release`, { receipt }),
};
