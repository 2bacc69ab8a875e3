/**
 * Abandoned ceremonies expire from Redis by themselves: started through the real server and
 * never finished, their keys are gone once `PX` (the shortest TTL the policy allows) passed,
 * with no cleanup, while the keys of ceremonies still alive stay. `pnpm memory` runs it with 100,000.
 */
import { createMemoryPasskeyStore } from '@acme/passkey-core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CEREMONIES } from '../../server/test/memory/abandoned';
import { expectAbandonedToExpire } from '../../server/test/memory/expiry';
import { createRedisChallengeStore } from '../src/index';
import { adminClient, deleteUnder, keysUnder, type OpenClient, openIoredis, uniquePrefix } from './clients';
import { probeRedis } from './services';

const redis = await probeRedis();

describe.skipIf(redis.skip)(`abandoned ceremonies on the Redis server (${redis.url})`, () => {
  const prefix = uniquePrefix();
  let opened: OpenClient;
  let admin: Redis;

  beforeAll(async () => {
    redis.assertReachable();
    opened = await openIoredis();
    admin = adminClient();
  });
  afterAll(async () => {
    if (admin !== undefined) await deleteUnder(admin, prefix);
    await opened?.close();
    admin?.disconnect();
  });

  it(`${CEREMONIES} started and never finished: every key is gone once PX passed, without cleanup`, async () => {
    await expectAbandonedToExpire({
      label: 'redis',
      stores: {
        store: createMemoryPasskeyStore(),
        challenges: createRedisChallengeStore({ client: opened.client, prefix }),
      },
      count: async () => (await keysUnder(admin, prefix)).length,
    });
  }, 600_000);
});
