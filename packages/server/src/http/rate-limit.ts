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
  /** Which routes count. Default: the two anyone may call without a session, `login/options` and `login/verify`. */
  routes?: RouteName[];
  /**
   * Most keys counted in one window (default 100,000). Past it, requests of keys not yet seen are
   * refused until the window ends: a flood of made-up keys cannot grow memory without bound.
   */
  maxKeys?: number;
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
  const maxKeys = options.maxKeys ?? 100_000;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TypeError('createMemoryRateLimit: limit must be a positive integer');
  if (!(Number.isFinite(windowSeconds) && windowSeconds > 0)) {
    throw new TypeError('createMemoryRateLimit: windowSeconds must be a positive, finite number');
  }
  if (!Number.isInteger(maxKeys) || maxKeys < 1)
    throw new TypeError('createMemoryRateLimit: maxKeys must be a positive integer');
  const routes = new Set<RouteName>(options.routes ?? ['login/options', 'login/verify']);
  const now = options.now ?? Date.now;
  const windowMs = windowSeconds * 1000;
  let windowStart = Number.NEGATIVE_INFINITY;
  let counts = new Map<string, number>();
  return (request, route) => {
    if (!routes.has(route)) return null;
    const key = options.key(request);
    if (key === null) return null;
    const t = now();
    // A new window, or a clock that stepped back: start counting afresh.
    if (t - windowStart >= windowMs || t < windowStart) {
      windowStart = t - (t % windowMs);
      counts = new Map();
    }
    const retry = { retryAfterSeconds: Math.max(1, (windowStart + windowMs - t) / 1000) };
    const id = `${route}\u0000${key}`;
    const seen = counts.get(id);
    if (seen === undefined && counts.size >= maxKeys) return retry;
    const n = (seen ?? 0) + 1;
    counts.set(id, n);
    return n > limit ? retry : null;
  };
}
