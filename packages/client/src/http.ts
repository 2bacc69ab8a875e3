import type { PasskeyClientError } from './errors';
import type { ErrorOutcome } from './outcomes';
import type { PasskeyView } from './types';

/** What every HTTP call resolves to: the 2xx JSON body, or an error outcome. Never throws. */
export type HttpResult<T> = { status: 'ok'; data: T } | ErrorOutcome;

/** One JSON call against `{base}{path}`; `expect` names keys the 2xx body must have. */
export type Http = <T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  opts?: { signal?: AbortSignal; expect?: readonly string[] },
) => Promise<HttpResult<T>>;

const invalid = (status: number): ErrorOutcome => ({
  status: 'error',
  error: { code: 'INVALID_RESPONSE', message: `HTTP ${status}`, details: { status } },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Builds the transport: the server's protocol (docs/design.md), JSON both ways, errors as `{ error: { code, message, details? } }`. */
export function createHttp(config: {
  baseUrl: string;
  fetch: typeof fetch;
  credentials: RequestCredentials;
}): Http {
  const base = config.baseUrl.replace(/\/+$/, '');
  return async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await config.fetch(base + path, {
        method,
        headers,
        credentials: config.credentials,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts.signal,
      });
    } catch (err) {
      return { status: 'error', error: { code: 'NETWORK_ERROR', message: String(err) } };
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      return invalid(res.status);
    }
    if (!res.ok) {
      const error = isObject(data) ? data.error : undefined;
      // The protocol's error shape, passed on as the server wrote it.
      return isObject(error) && typeof error.code === 'string'
        ? { status: 'error', error: error as unknown as PasskeyClientError }
        : invalid(res.status);
    }
    if (!isObject(data) || opts.expect?.some((key) => data[key] === undefined)) {
      return invalid(res.status);
    }
    return { status: 'ok', data: data as never };
  };
}

/** A passkey as it travels: dates are ISO 8601 strings. */
export type PasskeyJSON = Omit<PasskeyView, 'createdAt' | 'lastUsedAt'> & {
  createdAt: string;
  lastUsedAt: string | null;
};

/** Turns the JSON dates back into `Date`s. */
export function revive(passkey: PasskeyJSON): PasskeyView {
  return {
    ...passkey,
    createdAt: new Date(passkey.createdAt),
    lastUsedAt: passkey.lastUsedAt ? new Date(passkey.lastUsedAt) : null,
  };
}

/** A path segment for an id: credential IDs are base64url, but never trust that. */
export const segment = (id: string) => `/${encodeURIComponent(id)}`;
