/**
 * A server on an injected clock (memory stores by default, or the stores under test), and the
 * three ways to start a ceremony that nobody finishes: sign-in (usernameless or by a name
 * nobody has), registration, step-up. The store packages' expiry tests use it too.
 */
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { createPasskeyServer } from '../../src/index';

const ORIGIN = 'https://example.com';
export const TTL_SECONDS = 300;
/** How many ceremonies a test starts: a few thousand in CI, 100,000 under `pnpm memory`. */
export const CEREMONIES = Number(process.env.PASSKEY_MEMORY_CEREMONIES ?? 5_000);

/** Options of {@link abandonedCeremonies}. */
export interface AbandonedOptions {
  /** Default: memory stores, the challenge store on the same injected clock. */
  stores?: { store: PasskeyStore; challenges: ChallengeStore };
  /** The policy's `challengeTtlSeconds`. Default {@link TTL_SECONDS}. */
  ttlSeconds?: number;
}

/** The server, its challenge store, the clock it reads, and how to start ceremony number `i`. */
export async function abandonedCeremonies(options: AbandonedOptions = {}) {
  const clock = { t: Date.now() };
  const user = { id: 'user-1', name: 'user1@example.com', displayName: 'User 1' };
  const challenges = options.stores?.challenges ?? createMemoryChallengeStore({ now: () => clock.t });
  const ttlSeconds = options.ttlSeconds ?? TTL_SECONDS;
  const server = createPasskeyServer({
    rp: { id: 'example.com', name: 'Memory' },
    origins: [ORIGIN],
    secret: 'a-shared-secret-of-32-characters',
    now: () => new Date(clock.t),
    logger: { warn() {}, error() {} },
    store: options.stores?.store ?? createMemoryPasskeyStore(),
    challenges,
    policy: { challengeTtlSeconds: ttlSeconds },
    findUser: (name) => (name === user.name ? user : null),
  });
  // Step-up needs a passkey to ask for.
  const auth = createSoftwareAuthenticator({ attachment: 'platform' });
  const reg = await server.startRegistration({
    user,
    lastVerifiedAt: new Date(clock.t),
    lastVerifiedWith: 'second-factor',
  });
  const response = await auth.create(reg.options, { origin: ORIGIN });
  await server.finishRegistration({ ceremonyId: reg.ceremonyId, userId: user.id, response });

  /** Starts a ceremony of kind `i % 3`; resolves to its ID. */
  const start = async (i: number): Promise<string> => {
    const started =
      i % 3 === 0
        ? await server.startAuthentication(i % 2 === 0 ? {} : { username: `nobody-${i}@example.com` })
        : i % 3 === 1
          ? await server.startRegistration({
              user,
              lastVerifiedAt: new Date(clock.t),
              lastVerifiedWith: 'second-factor',
            })
          : await server.startStepUp({
              userId: user.id,
              action: 'p2p.release',
              details: { orderId: `o-${i}`, amount: '10.50', asset: 'USDT' },
            });
    return started.ceremonyId;
  };

  /** Starts ceremonies `from`…`from + count - 1`, `concurrency` at a time; resolves to their IDs in order. */
  const startMany = async (count: number, { from = 0, concurrency = 16 } = {}) => {
    const ids = new Array<string>(count);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) ids[i] = await start(from + i);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return ids;
  };

  /** Moves the clock past the TTL and the store's sweep interval, then writes: the lazy sweep runs. */
  const expireAll = async () => {
    clock.t += (ttlSeconds + 2) * 1000;
    await server.startAuthentication();
  };

  /** How many of `ids` the store still holds (`take` returns any record still present, and removes it). */
  const held = async (ids: string[]) => {
    let n = 0;
    for (const id of ids) if ((await challenges.take(id)) !== null) n++;
    return n;
  };

  return { server, clock, start, startMany, expireAll, held };
}
