import { PUBLIC_ROUTES, type RouteName } from './routes';

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
   * you trust). An IPv6 address counts per /64 (one host usually holds a whole /64). Requests
   * for which it returns null share one bucket. The route name is part of the key.
   */
  key(request: Request): string | null;
  /** Which routes count. Default: those anyone may call without a session (`login/options`, `login/verify`). */
  routes?: RouteName[];
  /**
   * Most keys counted in one window (default 100,000). Past it, the least recently seen key is
   * forgotten: a flood of made-up keys cannot grow memory without bound, nor lock anyone out.
   */
  maxKeys?: number;
  now?: () => number;
}

/** Expands an IPv6 address to its 8 groups, or null when `text` is not one. */
function ipv6Groups(text: string): string[] | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return null;
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0] as string);
  const tail = halves.length === 2 ? part(halves[1] as string) : [];
  // An embedded IPv4 tail (::ffff:192.0.2.1) takes two groups.
  const last = tail.at(-1) ?? head.at(-1);
  const v4 = last?.includes('.') ? 1 : 0;
  const missing = 8 - head.length - tail.length - v4;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.slice(0, groups.length - v4).some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return groups.map((g) => (g.includes('.') ? g : g.toLowerCase().replace(/^0+(?=.)/, '')));
}

/**
 * The bucket a key counts in: an IPv6 address by its /64 (an IPv4-mapped one as its IPv4
 * address), anything else as given; a request without a key in one shared bucket.
 */
export function bucketOf(key: string | null): string {
  if (key === null) return '\u0000none';
  const groups = ipv6Groups(key.trim());
  if (groups === null) return key;
  const mapped =
    groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff' && groups[6]?.includes('.');
  return mapped ? (groups[6] as string) : `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * A fixed-window rate limit in process memory, for one instance (several instances need a
 * shared counter, e.g. Redis `INCR` + `PEXPIRE` behind the same {@link RateLimit} signature).
 * Memory stays bounded by `maxKeys`: when full, the least recently seen key is dropped.
 *
 * @example
 * createPasskeyHandler(passkeys, {
 *   getSession,
 *   rateLimit: createMemoryRateLimit({
 *     limit: 10,
 *     windowSeconds: 60,
 *     // Behind a proxy you trust that sets it; null (absent) shares one bucket.
 *     key: (req) => req.headers.get('x-real-ip'),
 *   }),
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
  if (typeof options.key !== 'function') throw new TypeError('createMemoryRateLimit: key must be a function');
  const routes = new Set<RouteName>(options.routes ?? PUBLIC_ROUTES);
  const now = options.now ?? Date.now;
  const windowMs = windowSeconds * 1000;
  let windowStart = Number.NEGATIVE_INFINITY;
  // Insertion order is recency order: a key seen again is moved to the end.
  let counts = new Map<string, number>();
  return (request, route) => {
    if (!routes.has(route)) return null;
    const t = now();
    // A new window, or a clock that stepped back: start counting afresh.
    if (t - windowStart >= windowMs || t < windowStart) {
      windowStart = t - (t % windowMs);
      counts = new Map();
    }
    const id = `${route}\u0000${bucketOf(options.key(request))}`;
    const n = (counts.get(id) ?? 0) + 1;
    counts.delete(id);
    if (counts.size >= maxKeys) counts.delete(counts.keys().next().value as string);
    counts.set(id, n);
    return n > limit ? { retryAfterSeconds: Math.max(1, (windowStart + windowMs - t) / 1000) } : null;
  };
}
