/**
 * The outage scenario of the SQL store packages: their stores, connected through a TCP proxy
 * (./tcp-proxy.ts), lose the network mid-transaction, then all at once, then stall; every
 * operation fails with STORE_UNAVAILABLE, works again after the restore, and no partial row
 * remains. Each package's outage test builds the proxied stores its own way and runs this.
 * A helper of this repository's own tests, not part of any published package.
 */
import { type ChallengeStore, isPasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import { expect } from 'vitest';
import type { TcpProxy } from './tcp-proxy';

/** Expects `operation` to fail with STORE_UNAVAILABLE, with the driver's error as its cause. */
export async function expectUnavailable(name: string, operation: Promise<unknown>): Promise<void> {
  const err = await operation.then(
    () => new Error(`${name} succeeded during the outage`),
    (e: unknown) => e,
  );
  expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), `${name}: ${err}`).toBe(true);
  expect((err as Error).cause, name).toBeDefined();
}

/** What the scenario drives: the same tables through the proxy and around it. */
export interface OutageRig {
  /** Stores whose every connection goes through `proxy`. */
  viaProxy: { store: PasskeyStore; challenges: ChallengeStore };
  /** Stores on the same tables over a connection that never goes through the proxy. */
  direct: { store: PasskeyStore };
  proxy: TcpProxy;
  /**
   * Read by the proxied connections' hook: while `armed`, the INSERT of a passkey cuts the
   * proxy right after it ran (before the COMMIT), counting each such cut in `fired`.
   */
  cutAfterInsert: { armed: boolean; fired: number };
  /** The operations this store has besides those of every store, to fail in the outage too. */
  more?: () => (readonly [string, Promise<unknown>])[];
  /** After the first restore: (re)open the pool's connections, so that the stall hits live ones. */
  reconnect(passkeyId: string): Promise<void>;
}

/** Runs the outage on `rig`; see the module's comment. */
export async function expectOutageScenario(rig: OutageRig): Promise<void> {
  const { viaProxy, direct, proxy, cutAfterInsert } = rig;
  const userId = `u-${randomId(4)}`;
  const before = samplePasskey({ userId, counter: 1 });
  expect(await viaProxy.store.create(before, { maxPerUser: 10 })).toBe('created');
  const challengeId = randomId();
  await viaProxy.challenges.put(challengeId, { expiresAt: Date.now() + 60_000 }, { ttlMs: 60_000 });

  // The connection dies between the INSERT and the COMMIT of a create.
  cutAfterInsert.armed = true;
  const lost = samplePasskey({ userId });
  await expectUnavailable('create cut before commit', viaProxy.store.create(lost, { maxPerUser: 10 }));
  cutAfterInsert.armed = false;
  expect(cutAfterInsert.fired).toBe(1);

  const usedAt = new Date();
  const during = () => [
    ...([
      ['get', viaProxy.store.get(before.id)],
      ['listByUser', viaProxy.store.listByUser(userId)],
      ['create', viaProxy.store.create(samplePasskey({ userId }), { maxPerUser: 10 })],
      [
        'recordUse',
        viaProxy.store.recordUse(before.id, { expectedCounter: 1, counter: 2, backedUp: true, usedAt }),
      ],
      ['rename', viaProxy.store.rename(userId, before.id, 'Renamed')],
      ['remove', viaProxy.store.remove(userId, before.id)],
      ['put', viaProxy.challenges.put(randomId(), { expiresAt: 0 }, { ttlMs: 1000 })],
      ['take', viaProxy.challenges.take(challengeId)],
    ] as const),
    ...(rig.more?.() ?? []),
  ];
  for (const [name, operation] of during()) await expectUnavailable(`${name} (cut)`, operation);

  // A stall on live connections: the queries go out, no answer comes back (the query timeout).
  proxy.restore();
  await rig.reconnect(before.id);
  proxy.stall();
  const stalledAt = Date.now();
  await Promise.all(during().map(([name, operation]) => expectUnavailable(`${name} (stalled)`, operation)));
  expect(Date.now() - stalledAt).toBeLessThan(10_000);

  proxy.cut();
  proxy.restore();
  const after = samplePasskey({ userId });
  expect(await viaProxy.store.create(after, { maxPerUser: 10 })).toBe('created');
  expect(
    await viaProxy.store.recordUse(before.id, { expectedCounter: 1, counter: 2, backedUp: true, usedAt }),
  ).toBe(true);
  expect(await viaProxy.challenges.take(challengeId)).not.toBeNull();

  // Seen through a connection that never went through the proxy: exactly what succeeded.
  const listed = await direct.store.listByUser(userId);
  expect(listed.map((p) => p.id).sort()).toEqual([before.id, after.id].sort());
  expect(await direct.store.get(lost.id)).toBeNull();
  expect((await direct.store.get(before.id))?.counter).toBe(2);
}
