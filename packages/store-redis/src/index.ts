/**
 * @acme/passkey-store-redis — a `ChallengeStore` on Redis (ioredis or node-redis): single use
 * through `GETDEL`, abandoned records dropped by `PX`.
 * @packageDocumentation
 */

/** The client shapes the store accepts: ioredis-shaped {@link RedisLike} and node-redis. */
export type { NodeRedisLike, RedisClient, RedisLike } from './clients';
/** Creates the store over a connected client. */
export { createRedisChallengeStore, type RedisChallengeStoreOptions } from './redis-challenge-store';
