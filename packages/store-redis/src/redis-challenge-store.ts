import { type ChallengeRecord, type ChallengeStore, isPasskeyError, PasskeyError } from '@acme/passkey-core';
import { type RedisClient, redisCommands } from './clients';

/** Options of {@link createRedisChallengeStore}. */
export interface RedisChallengeStoreOptions {
  /** An ioredis or node-redis client (or cluster), connected by the app, or any {@link RedisLike}. */
  client: RedisClient;
  /** Prepended to every key, to share a Redis with other data or apps. Default `passkey:challenge:`. */
  prefix?: string;
  /**
   * Gives up on a command unanswered after this long (`STORE_UNAVAILABLE`), so a stalled
   * connection fails a ceremony instead of hanging it. Default: none, the client's own
   * settings apply (ioredis has `commandTimeout`; node-redis times out only commands not yet
   * written). A command given up on may still run: a late `GETDEL` then hands its record to nobody.
   */
  timeoutMs?: number;
}

function withTimeout<T>(run: () => Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return run();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  return Promise.race([run(), timeout]).finally(() => clearTimeout(timer));
}

async function guarded<T>(operation: string, run: () => Promise<T>, timeoutMs?: number): Promise<T> {
  try {
    return await withTimeout(run, timeoutMs);
  } catch (err) {
    if (isPasskeyError(err)) throw err;
    throw new PasskeyError('STORE_UNAVAILABLE', `Redis challenge store: ${operation} failed`, { cause: err });
  }
}

/**
 * A `ChallengeStore` on Redis, for ceremonies and receipt IDs alike. `put` is
 * `SET key json PX ttlMs`: the TTL only cleans up, the server judges expiry from the record's
 * `expiresAt`. `take` is `GETDEL` (Redis >= 6.2), atomic on the server, so at most one caller
 * in any number of processes gets a record. A failure of the client or the server (no
 * connection, timeout) becomes `STORE_UNAVAILABLE` with the client's error as `cause`.
 *
 * @example
 * const challenges = createRedisChallengeStore({ client: new Redis(process.env.REDIS_URL) });
 * const passkeys = createPasskeyServer({ rp, origins, store, challenges });
 */
export function createRedisChallengeStore(options: RedisChallengeStoreOptions): ChallengeStore {
  const commands = redisCommands(options.client);
  const { prefix = 'passkey:challenge:', timeoutMs } = options;
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
  if (timeoutMs !== undefined && !(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }

  return {
    async put(id, record, { ttlMs }) {
      // PX takes a positive integer: a fractional or zero TTL still lets the record live 1 ms.
      const px = Math.max(1, Math.ceil(ttlMs));
      if (!Number.isFinite(px)) throw new TypeError(`ttlMs must be a finite number, got ${ttlMs}`);
      const json = JSON.stringify(record);
      await guarded('put', () => commands.setPx(prefix + id, json, px), timeoutMs);
    },

    take: (id) =>
      guarded(
        'take',
        async () => {
          const json = await commands.getDel(prefix + id);
          return json === null ? null : (JSON.parse(json) as ChallengeRecord);
        },
        timeoutMs,
      ),
  };
}
