/** Options of {@link createFailureThrottle}. */
export interface FailureThrottleOptions {
  /** Failures allowed per key and window; the next attempt waits for the window's end. */
  limit: number;
  windowSeconds: number;
  /** Most keys remembered; past it the least recently failed is forgotten. Default 100,000. */
  maxKeys?: number;
  now: () => Date;
}

/**
 * Counts failures (wrong passwords) per key in a fixed window that starts at the key's first
 * failure. A key at its limit is refused before the attempt is even checked, so that a refused
 * guess tells nothing about the password. Memory stays bounded: when full, the key that failed
 * least recently is forgotten.
 */
export function createFailureThrottle(options: FailureThrottleOptions) {
  const { limit, windowSeconds, now } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const windowMs = windowSeconds * 1000;
  const failures = new Map<string, { count: number; resetAt: number }>();

  const current = (key: string) => {
    const entry = failures.get(key);
    if (entry && entry.resetAt <= now().getTime()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    /** Seconds until `key` may try again; 0 when it may try now. */
    retryAfterSeconds(key: string): number {
      const entry = current(key);
      if (!entry || entry.count < limit) return 0;
      return Math.max(1, Math.ceil((entry.resetAt - now().getTime()) / 1000));
    },

    /** Records one failure of `key`. */
    fail(key: string): void {
      const entry = current(key) ?? { count: 0, resetAt: now().getTime() + windowMs };
      entry.count += 1;
      // Re-inserted last: the Map's first key is the least recently failed.
      failures.delete(key);
      if (failures.size >= maxKeys) failures.delete(failures.keys().next().value as string);
      failures.set(key, entry);
    },

    /** Forgets the failures of `key` (after a success). */
    clear(key: string): void {
      failures.delete(key);
    },
  };
}

/** A throttle of failures. */
export type FailureThrottle = ReturnType<typeof createFailureThrottle>;
