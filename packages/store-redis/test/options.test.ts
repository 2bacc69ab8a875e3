/** What the store accepts, and how it reports what it cannot read. */
import { isPasskeyError } from '@acme/passkey-core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisChallengeStore, type RedisClient } from '../src/index';
import { adminClient, CLIENTS, deleteUnder, uniquePrefix } from './clients';
import { probeRedis } from './services';

describe('options', () => {
  it('refuses a client that is neither ioredis-shaped nor node-redis, and bad settings', () => {
    for (const client of [{}, { set() {} }, { getdel() {} }, { getDel() {} }, null, 'redis://x']) {
      expect(() => createRedisChallengeStore({ client: client as unknown as RedisClient })).toThrow(
        TypeError,
      );
    }
    const client = { set: async () => 'OK', getdel: async () => null };
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createRedisChallengeStore({ client, timeoutMs })).toThrow(TypeError);
    }
    expect(() => createRedisChallengeStore({ client, prefix: 5 as unknown as string })).toThrow(TypeError);
  });
});

const redis = await probeRedis();

describe.skipIf(redis.skip)(`reading and writing on ${redis.url}`, () => {
  let admin: Redis;
  const prefixes: string[] = [];
  beforeAll(() => {
    redis.assertReachable();
    admin = adminClient();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteUnder(admin, prefix);
    admin?.disconnect();
  });

  for (const [kind, open] of CLIENTS) {
    it(`${kind}: refuses a TTL that is not a number, and reports an unreadable value as a store failure`, async () => {
      const opened = await open();
      const prefix = uniquePrefix();
      prefixes.push(prefix);
      try {
        const challenges = createRedisChallengeStore({ client: opened.client, prefix });
        const record = { expiresAt: 1 };
        for (const ttlMs of [Number.NaN, Number.POSITIVE_INFINITY]) {
          await expect(challenges.put('x', record, { ttlMs })).rejects.toThrow(TypeError);
        }
        expect(await admin.exists(`${prefix}x`)).toBe(0);
        await admin.set(`${prefix}corrupt`, '{not json', 'PX', 60_000);
        const err = await challenges.take('corrupt').catch((e: unknown) => e);
        expect(isPasskeyError(err, 'STORE_UNAVAILABLE')).toBe(true);
        expect(await admin.exists(`${prefix}corrupt`)).toBe(0);
      } finally {
        await opened.close();
      }
    });
  }
});
