import type { RouteName } from './routes';

/** What a rate limiter answers: null lets the request through; a delay refuses it (429). */
export type RateLimitDecision = null | { retryAfterSeconds: number };

/** The handler's rate-limit hook: asked before the body is read, for every route of the handler. */
export type RateLimit = (
  request: Request,
  route: RouteName,
) => RateLimitDecision | Promise<RateLimitDecision>;

/** Options of {@link createMemoryRateLimit}. */
export interface MemoryRateLimitOptions {
  /** Requests allowed per key and window. */
  limit: number;
  windowSeconds: number;
  /**
   * Who is counted: e.g. the client IP your proxy sets (`x-forwarded-for` only behind a proxy
   * you trust). Return null to exempt a request. The route name is part of the key.
   */
  key(request: Request): string | null;
  /** Which routes count. Default: the ceremony starts, which anyone may call without a session. */
  routes?: RouteName[];
  now?: () => number;
}

/**
 * A fixed-window rate limit in process memory, for one instance (several instances need a
 * shared counter, e.g. Redis `INCR` + `PEXPIRE` behind the same {@link RateLimit} signature).
 * Windows that ended are dropped lazily, so memory stays bounded by the keys of one window.
 *
 * @example
 * createPasskeyHandler(passkeys, {
 *   getSession,
 *   rateLimit: createMemoryRateLimit({ limit: 10, windowSeconds: 60, key: (req) => clientIp(req) }),
 * });
 */
export function createMemoryRateLimit(options: MemoryRateLimitOptions): RateLimit {
  const { limit, windowSeconds } = options;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TypeError('createMemoryRateLimit: limit must be a positive integer');
  if (!(windowSeconds > 0)) throw new TypeError('createMemoryRateLimit: windowSeconds must be positive');
  const routes = new Set<RouteName>(options.routes ?? ['login/options', 'login/verify']);
  const now = options.now ?? Date.now;
  const windowMs = windowSeconds * 1000;
  let windowStart = 0;
  let counts = new Map<string, number>();
  return (request, route) => {
    if (!routes.has(route)) return null;
    const key = options.key(request);
    if (key === null) return null;
    const t = now();
    if (t - windowStart >= windowMs) {
      windowStart = t - (t % windowMs);
      counts = new Map();
    }
    const id = `${route}\u0000${key}`;
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    return n > limit ? { retryAfterSeconds: (windowStart + windowMs - t) / 1000 } : null;
  };
}
