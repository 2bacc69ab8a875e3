/**
 * The world the hostile-input tests run in: the real server and handler on watched memory
 * stores, alice with two passkeys (the PATCH route renames `own`, the DELETE route may remove
 * `victim`), bob with one, sessions of each kind, real responses to send, and ceremonies that
 * no request names (they must still be there at the end).
 */
import type { Passkey } from '@acme/passkey-core';
import {
  alice,
  authenticator,
  bob,
  httpSetup,
  ORIGIN,
  registerOverHttp,
  STEP_UP,
  UNKNOWN_CEREMONY,
} from '../http-helpers';
import { watchedStores } from './watched';

export async function createWorld() {
  const stores = watchedStores();
  const h = httpSetup({ config: { store: stores.store, challenges: stores.challenges } });
  const fresh = h.signIn(alice);
  const auth = authenticator();
  const { passkey } = await registerOverHttp(h, auth, fresh);
  const { passkey: victim } = await registerOverHttp(h, authenticator(), fresh);
  const bobToken = h.signIn(bob);
  await registerOverHttp(h, authenticator(), bobToken);
  const reg = await h.server.startRegistration({
    user: alice,
    lastVerifiedAt: h.clock.now,
    lastVerifiedWith: 'second-factor',
  });
  const registration = (await authenticator().create(reg.options, { origin: ORIGIN })) as unknown;
  const login = await h.server.startAuthentication();
  const assertion = (await auth.get(login.options, { origin: ORIGIN })) as unknown;
  const sentinels = [
    (await h.server.startAuthentication()).ceremonyId,
    (await h.server.startStepUp({ userId: alice.id, ...STEP_UP })).ceremonyId,
    (
      await h.server.startRegistration({
        user: bob,
        lastVerifiedAt: h.clock.now,
        lastVerifiedWith: 'second-factor',
      })
    ).ceremonyId,
  ];
  return {
    h,
    stores,
    fresh,
    stale: h.signIn(alice, new Date(h.clock.now.getTime() - 3600_000)),
    bobToken,
    own: passkey.id,
    victim: victim.id,
    /** The victim as stored, to put it back after a DELETE that was allowed to succeed. */
    victimRecord: (await stores.store.get(victim.id)) as Passkey,
    auth,
    registration,
    assertion,
    unknownCeremony: UNKNOWN_CEREMONY,
    sentinels,
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** The session tokens a request may carry: none, alice fresh or an hour old, bob, a made-up one. */
export const TOKENS = [undefined, 'fresh', 'stale', 'bob', 'forged'] as const;
export type TokenName = (typeof TOKENS)[number];

export const tokenOf = (w: World, t: TokenName): string | undefined =>
  t === 'fresh' ? w.fresh : t === 'stale' ? w.stale : t === 'bob' ? w.bobToken : t;
