import { describeStoreConformance } from '@acme/passkey-core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createRedisChallengeStore } from '../src/index';
import { adminClient, CLIENTS, deleteUnder, type OpenClient, uniquePrefix } from './clients';
import { probeRedis } from './services';

const redis = await probeRedis();

for (const [kind, open] of CLIENTS) {
  describe.skipIf(redis.skip)(`Redis server (${redis.url}) through ${kind}`, () => {
    let opened: OpenClient;
    let admin: Redis;

    beforeAll(async () => {
      redis.assertReachable();
      opened = await open();
      admin = adminClient();
    });
    afterAll(async () => {
      await opened?.close();
      admin?.disconnect();
    });

    // Every makeStores call: a new prefix pk:<random>:, its keys deleted by close().
    describeStoreConformance(`Redis (${kind})`, () => {
      const prefix = uniquePrefix();
      return {
        challenges: createRedisChallengeStore({ client: opened.client, prefix }),
        close: async () => {
          await deleteUnder(admin, prefix);
        },
      };
    });
  });
}
