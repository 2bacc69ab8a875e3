/**
 * Known flaws in how servers tie a response to the ceremony that asked for it, replayed with real
 * signatures: the response is genuine, only the ceremony it is sent to is wrong.
 */
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, type Setup, setup } from '../helpers';

type Kind = 'sign-in' | 'step-up' | 'registration';
const KINDS: Kind[] = ['sign-in', 'step-up', 'registration'];

async function ready() {
  const s = setup();
  const auth = authenticator();
  const passkey = await register(s, auth);
  return { s, auth, passkey };
}

/** Alice, freshly verified with a passkey: strong enough to add another. */
const verified = (s: Setup) => ({
  user: alice,
  lastVerifiedAt: s.clock.now,
  lastVerifiedWith: 'passkey' as const,
});

/** Starts a ceremony of `kind`, always for alice, so that only its kind can tell it apart. */
async function start(s: Setup, kind: Kind) {
  if (kind === 'sign-in') return s.server.startAuthentication({ userId: alice.id });
  if (kind === 'step-up')
    return s.server.startStepUp({ userId: alice.id, action: 'p2p.release', details: { orderId: 'o-1' } });
  return s.server.startRegistration(verified(s));
}

/** A genuine response of the kind `kind` finishes, signed over `challenge`, sent to `ceremonyId`. */
async function finish(
  w: Awaited<ReturnType<typeof ready>>,
  kind: Kind,
  ceremonyId: string,
  challenge: string,
) {
  if (kind === 'registration') {
    const template = await w.s.server.startRegistration(verified(w.s));
    const response = await authenticator().create({ ...template.options, challenge }, { origin: ORIGIN });
    return w.s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
  }
  const allowCredentials = [{ id: w.passkey.id, type: 'public-key' }];
  const response = await w.auth.get({ challenge, rpId: 'example.com', allowCredentials }, { origin: ORIGIN });
  if (kind === 'sign-in') return w.s.server.finishAuthentication({ ceremonyId, response });
  return w.s.server.finishStepUp({ ceremonyId, userId: alice.id, response });
}

const PAIRS = KINDS.flatMap((from) => KINDS.filter((to) => to !== from).map((to) => [from, to] as const));

// A ceremony used for another scope: a sign-in ceremony finished as a step-up (a receipt without an
// action), as a registration (a passkey added without a security verification), and the reverse.
// No advisory ID is known; WebAuthn L3 §13.4.3 asks that each challenge serve one ceremony.
describe('advisory: a ceremony used for another scope', () => {
  it.each(PAIRS)(
    'a ceremony for another scope: a %s ceremony of alice’s finished as a %s is CEREMONY_NOT_FOUND, and is spent',
    async (from, to) => {
      const w = await ready();
      const { ceremonyId, options } = await start(w.s, from);
      await rejectsWith(finish(w, to, ceremonyId, options.challenge), 'CEREMONY_NOT_FOUND');
      // Spent by the attempt: not even its own kind of finish can use it now.
      await rejectsWith(finish(w, from, ceremonyId, options.challenge), 'CEREMONY_NOT_FOUND');
      expect(await w.s.store.listByUser(alice.id)).toHaveLength(1);
    },
  );
});

// A challenge taken from the client instead of the server's ceremony: a server that compares the
// client data's challenge with one the request carries, or only checks that it is *a* live
// challenge, accepts an assertion made for another ceremony or for a challenge the attacker chose
// (e.g. collected on a phishing page). WebAuthn L3 §7.1 step 8, §7.2 step 11: the challenge must
// equal the one this ceremony stored. No advisory ID is known.
describe('advisory: a challenge taken from the client instead of the server’s ceremony', () => {
  it.each(KINDS)(
    'challenge from the client: a %s response signed over another live ceremony’s challenge is refused; that ceremony still works',
    async (kind) => {
      const w = await ready();
      const target = await start(w.s, kind);
      const other = await start(w.s, kind);
      await rejectsWith(finish(w, kind, target.ceremonyId, other.options.challenge), 'VERIFICATION_FAILED');
      await expect(finish(w, kind, other.ceremonyId, other.options.challenge)).resolves.toBeTruthy();
    },
  );

  it.each(KINDS)(
    'challenge from the client: a %s response signed over a challenge the attacker chose, sent with a real ceremonyId, is refused',
    async (kind) => {
      const w = await ready();
      const { ceremonyId } = await start(w.s, kind);
      const chosen = Buffer.alloc(32, 0x41).toString('base64url');
      await rejectsWith(finish(w, kind, ceremonyId, chosen), 'VERIFICATION_FAILED');
      expect(await w.s.store.listByUser(alice.id)).toHaveLength(1);
      expect((await w.s.store.get(w.passkey.id))?.lastUsedAt).toBeNull();
    },
  );
});
