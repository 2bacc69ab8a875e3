/**
 * The two Redis commands the store needs, over whichever client the app already has. The
 * client kind is recognised by its shape, so the package imports neither driver.
 */

/** The minimal seam, ioredis-shaped: ioredis (a client or a Cluster) satisfies it as is. */
export interface RedisLike {
  /** `SET key value PX ttlMs`. */
  set(key: string, value: string, px: 'PX', ttlMs: number): Promise<unknown>;
  /** `GETDEL key` (Redis >= 6.2). */
  getdel(key: string): Promise<string | null>;
}

/** The part of a node-redis (v5 or later) client or cluster the store uses. */
export interface NodeRedisLike {
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  getDel(key: string): Promise<unknown>;
}

/** A client {@link createRedisChallengeStore} accepts. */
export type RedisClient = RedisLike | NodeRedisLike;

/** What the store runs, whatever the client. */
export interface RedisCommands {
  setPx(key: string, value: string, ttlMs: number): Promise<unknown>;
  getDel(key: string): Promise<string | null>;
}

const isFunction = (value: unknown, name: string) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === 'function';

/** Text of a reply: node-redis may hand a Buffer over when a type mapping asks for one. */
const text = (reply: unknown): string | null =>
  reply === null || reply === undefined ? null : typeof reply === 'string' ? reply : String(reply);

/** Adapts a node-redis client (`getDel`) or an ioredis-shaped one (`getdel`); throws a `TypeError` for anything else. */
export function redisCommands(client: RedisClient): RedisCommands {
  if (isFunction(client, 'getDel') && isFunction(client, 'set')) {
    const c = client as NodeRedisLike;
    return {
      setPx: (key, value, ttlMs) => c.set(key, value, { expiration: { type: 'PX', value: ttlMs } }),
      getDel: async (key) => text(await c.getDel(key)),
    };
  }
  if (isFunction(client, 'getdel') && isFunction(client, 'set')) {
    const c = client as RedisLike;
    return {
      setPx: (key, value, ttlMs) => c.set(key, value, 'PX', ttlMs),
      getDel: async (key) => text(await c.getdel(key)),
    };
  }
  throw new TypeError('client must be an ioredis client, a node-redis (v5+) client, or implement RedisLike');
}
