/**
 * Sign-in at the edges of the allow list: a passkey offered at the start and gone by the finish
 * reads as a forged answer, never an internal error; answered from another origin without a user
 * handle, it is refused on its origin first, as a present one is; with a user handle, as forged.
 */
import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BOB_HANDLE,
  bob,
  ORIGIN,
  register,
  rejectsWith,
  setup,
  storeAgain,
} from './helpers';

describe('sign-in for a known user, when the passkey goes away', () => {
  it('is VERIFICATION_FAILED when the offered passkey was removed before the finish', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([passkey.id]);
    const response = await auth.get(options, { origin: ORIGIN });
    expect(await s.store.remove(alice.id, passkey.id)).toBe(true);
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'VERIFICATION_FAILED');
  });

  it('for a removed passkey, checks the origin first without a user handle; with one, refuses as forged', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const answer = async (withUserHandle: boolean) => {
      const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
      const signed = await auth.get(options, { origin: 'https://evil.example.com' });
      const response = withUserHandle
        ? signed
        : { ...signed, response: { ...signed.response, userHandle: undefined } };
      return () => s.server.finishAuthentication({ ceremonyId, response });
    };
    const present = await answer(false);
    await rejectsWith(present(), 'ORIGIN_MISMATCH');
    const [bare, handled] = [await answer(false), await answer(true)];
    await s.store.remove(alice.id, passkey.id);
    await rejectsWith(bare(), 'ORIGIN_MISMATCH');
    // A user handle could not have matched a passkey that is not there: refused before any check.
    await rejectsWith(handled(), 'VERIFICATION_FAILED');
  });
});

describe('startAuthentication at the edges', () => {
  it('starts an autofill (conditional) sign-in without a user', async () => {
    const s = setup();
    const { options } = await s.server.startAuthentication({ mediation: 'conditional' });
    expect(options.allowCredentials ?? []).toEqual([]);
  });

  it('offers each user without passkeys fake IDs of their own, the same each time', async () => {
    const s = setup();
    const ids = async (userId: string) =>
      ((await s.server.startAuthentication({ userId })).options.allowCredentials ?? []).map((c) => c.id);
    const [one, again, other] = [await ids('user-nobody'), await ids('user-nobody'), await ids('user-none')];
    expect(one.length).toBeGreaterThan(0);
    expect(again).toEqual(one);
    expect(other).not.toEqual(one);
    expect(other.some((id) => one.includes(id))).toBe(false);
  });

  it('treats a findUser answer without an ID as the app’s bug, not as an answer', async () => {
    const s = setup({ findUser: () => ({ id: '' }) });
    await expect(s.server.startAuthentication({ username: 'alice' })).rejects.toThrow(TypeError);
  });
});

describe('a credential ID that changed hands between start and finish', () => {
  /** Alice's passkey removed, and a credential of the same ID stored for bob. */
  const moved = (s: ReturnType<typeof setup>, id: string) =>
    storeAgain(s.store, id, { userId: bob.id, userHandle: BOB_HANDLE });

  it('does not sign alice in, nor bob, with the passkey now stored for bob', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
    const response = await auth.get(options, { origin: ORIGIN });
    await moved(s, passkey.id);
    // Without a user handle: one would already be refused as not bob's.
    const bare = { ...response, response: { ...response.response, userHandle: undefined } };
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response: bare }), 'CREDENTIAL_NOT_FOUND');
    expect(s.events.map((e) => e.type)).not.toContain('passkey.authenticated');
  });

  it('issues no receipt for alice’s step-up answered with it', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const what = { action: 'p2p.release', details: { orderId: 'ord-1' } };
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...what });
    const answered = await auth.get(options, { origin: ORIGIN });
    const response = { ...answered, response: { ...answered.response, userHandle: undefined } };
    await moved(s, passkey.id);
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId, userId: alice.id, response }),
      'CREDENTIAL_NOT_FOUND',
    );
    expect(s.events.map((e) => e.type)).not.toContain('step_up.verified');
  });
});

describe('fake credentials for a user without passkeys', () => {
  it('are answered for an unknown name even when some account’s ID is the one unknown names are read under', async () => {
    const nobodyId = '00000000-0000-0000-0000-000000000000';
    const s = setup({
      findUser: (name) => (name === 'alice' ? { id: alice.id } : null),
      policy: { usernameSignIn: 'allow-credentials' },
    });
    const odd = await register(s, authenticator(), { ...alice, id: nobodyId });
    const { options } = await s.server.startAuthentication({ username: 'mallory' });
    const offered = (options.allowCredentials ?? []).map((c) => c.id);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(odd.id);
  });

  it('make a sign-in started for that user fail, even with a passkey stored under an offered ID since', async () => {
    const s = setup();
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: bob.id });
    const fake = (options.allowCredentials ?? [])[0]?.id ?? expect.unreachable('fake IDs offered');
    // Bob then registers a passkey, and it is stored under the fake ID (anyone may choose an ID).
    const auth = authenticator();
    const real = await register(s, auth, bob);
    await storeAgain(s.store, real.id, { id: fake });
    const signed = await auth.get(
      { ...options, allowCredentials: [{ id: real.id, type: 'public-key' }] },
      {
        origin: ORIGIN,
      },
    );
    const response = { ...signed, id: fake, rawId: fake };
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'VERIFICATION_FAILED');
    expect(s.events.map((e) => e.type)).not.toContain('passkey.authenticated');
  });
});
