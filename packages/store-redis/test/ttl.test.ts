/** The TTL is Redis's own: a record nobody took is gone once `PX` passes, on both clients. */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisChallengeStore } from '../src/index';
import { adminClient, CLIENTS, deleteUnder, keysUnder, uniquePrefix } from './clients';
import { probeRedis } from './services';

const redis = await probeRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(redis.skip)(`TTL on the Redis server (${redis.url})`, () => {
  let admin: Redis;
  beforeAll(() => {
    redis.assertReachable();
    admin = adminClient();
  });
  afterAll(() => admin?.disconnect());

  for (const [kind, open] of CLIENTS) {
    it(`${kind}: stores the record as JSON under the prefix with PX, and Redis drops it after`, async () => {
      const opened = await open();
      const prefix = uniquePrefix();
      try {
        const challenges = createRedisChallengeStore({ client: opened.client, prefix });
        const record = { expiresAt: Date.now() + 60_000, kind: 'registration' };
        await challenges.put('short', record, { ttlMs: 150 });
        await challenges.put('fraction', record, { ttlMs: 0.2 });
        await challenges.put('long', record, { ttlMs: 60_000 });
        expect(JSON.parse((await admin.get(`${prefix}long`)) ?? 'null')).toEqual(record);
        const pttl = await admin.pttl(`${prefix}short`);
        expect(pttl).toBeGreaterThan(0);
        expect(pttl).toBeLessThanOrEqual(150);
        expect(await admin.pttl(`${prefix}long`)).toBeGreaterThan(59_000);
        await sleep(300);
        expect(await admin.exists(`${prefix}short`, `${prefix}fraction`)).toBe(0);
        expect(await challenges.take('short')).toBeNull();
        expect(await challenges.take('long')).toEqual(record);
        expect(await keysUnder(admin, prefix)).toEqual([]);
      } finally {
        await deleteUnder(admin, prefix);
        await opened.close();
      }
    });
  }
});
