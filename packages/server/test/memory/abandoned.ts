/**
 * A server on memory stores and an injected clock, and the three ways to start a ceremony that
 * nobody finishes: sign-in (usernameless or by a name nobody has), registration, step-up.
 */
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { createPasskeyServer } from '../../src/index';

const ORIGIN = 'https://example.com';
export const TTL_SECONDS = 300;

/** The server, its challenge store, the clock both read, and how to start ceremony number `i`. */
export async function abandonedCeremonies() {
  const clock = { t: Date.parse('2026-06-01T12:00:00.000Z') };
  const user = { id: 'user-1', name: 'user1@example.com', displayName: 'User 1' };
  const challenges = createMemoryChallengeStore({ now: () => clock.t });
  const server = createPasskeyServer({
    rp: { id: 'example.com', name: 'Memory' },
    origins: [ORIGIN],
    secret: 'a-shared-secret-of-32-characters',
    now: () => new Date(clock.t),
    logger: { warn() {}, error() {} },
    store: createMemoryPasskeyStore(),
    challenges,
    policy: { challengeTtlSeconds: TTL_SECONDS },
    findUser: (name) => (name === user.name ? user : null),
  });
  // Step-up needs a passkey to ask for.
  const auth = createSoftwareAuthenticator({ attachment: 'platform' });
  const reg = await server.startRegistration({ user, lastVerifiedAt: new Date(clock.t) });
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

  /** Moves the clock past the TTL and the store's sweep interval, then writes: the lazy sweep runs. */
  const expireAll = async () => {
    clock.t += (TTL_SECONDS + 2) * 1000;
    await server.startAuthentication();
  };

  /** How many of `ids` the store still holds (`take` returns any record still present, and removes it). */
  const held = async (ids: string[]) => {
    let n = 0;
    for (const id of ids) if ((await challenges.take(id)) !== null) n++;
    return n;
  };

  return { server, clock, start, expireAll, held };
}
