/**
 * A real outage between each client and the shared Redis (a TCP proxy the test cuts,
 * stalls and restores; the server itself is never touched): operations fail fast with
 * STORE_UNAVAILABLE, and succeed again once the client has reconnected.
 */
import { isPasskeyError } from '@acme/passkey-core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';
import { createRedisChallengeStore } from '../src/index';
import { adminClient, deleteUnder, openIoredis, openNodeRedis, uniquePrefix } from './clients';
import { probeRedis, REDIS_URL } from './services';

const redis = await probeRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectUnavailable(name: string, operation: Promise<unknown>) {
  const err = await operation.then(
    () => new Error(`${name} succeeded during the outage`),
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), `${name}: ${err}`).toBe(true);
  expect((err as Error).cause, name).toBeDefined();
}

/**
 * Fail fast instead of queueing while disconnected, reconnect every 20 ms, and time out a
 * stalled command: ioredis by its own `commandTimeout`, node-redis (whose timeout stops once a
 * command is written) by the store's `timeoutMs`.
 */
const clients = [
  [
    'ioredis',
    (url: string) =>
      openIoredis(
        { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 300, retryStrategy: () => 20 },
        url,
      ),
    undefined,
  ],
  [
    'node-redis',
    (url: string) =>
      openNodeRedis(
        {
          disableOfflineQueue: true,
          commandOptions: { timeout: 300 },
          socket: { connectTimeout: 300, reconnectStrategy: () => 20 },
        },
        url,
      ),
    300,
  ],
] as const;

describe.skipIf(redis.skip)(`outage between the client and ${redis.url}`, () => {
  let proxy: TcpProxy;
  let admin: Redis;
  beforeAll(async () => {
    redis.assertReachable();
    const target = new URL(REDIS_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    admin = adminClient();
  });
  afterAll(async () => {
    await proxy?.close();
    admin?.disconnect();
  });

  for (const [kind, open, timeoutMs] of clients) {
    it(`${kind}: fails during a cut and a stall, works again after`, async () => {
      const url = new URL(REDIS_URL);
      url.host = `127.0.0.1:${proxy.port}`;
      const opened = await open(url.toString());
      const prefix = uniquePrefix();
      const challenges = createRedisChallengeStore({ client: opened.client, prefix, timeoutMs });
      const record = { expiresAt: Date.now() + 60_000 };
      try {
        await challenges.put('kept', record, { ttlMs: 60_000 });

        proxy.cut();
        await sleep(50);
        const started = Date.now();
        await expectUnavailable('put (cut)', challenges.put('lost', record, { ttlMs: 60_000 }));
        await expectUnavailable('take (cut)', challenges.take('kept'));
        expect(Date.now() - started).toBeLessThan(2000);

        proxy.restore();
        await waitForRecovery(() => challenges.put('probe', record, { ttlMs: 60_000 }));
        proxy.stall();
        await expectUnavailable('put (stalled)', challenges.put('stalled', record, { ttlMs: 60_000 }));
        proxy.cut();
        proxy.restore();
        await waitForRecovery(() => challenges.put('after', record, { ttlMs: 60_000 }));

        expect(await challenges.take('kept')).toEqual(record);
        expect(await challenges.take('lost')).toBeNull();
        expect(await challenges.take('after')).toEqual(record);
      } finally {
        await opened.close();
        await deleteUnder(admin, prefix);
      }
    });
  }
});

/** Retries until the client has reconnected (a few reconnect intervals), then returns. */
async function waitForRecovery(operation: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await operation();
      return;
    } catch (err) {
      expect(isPasskeyError(err, 'STORE_UNAVAILABLE')).toBe(true);
      if (i >= 100) throw err;
      await sleep(20);
    }
  }
}
