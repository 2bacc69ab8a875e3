/**
 * Known advisories about which user and which credential an assertion is for (WebAuthn L3 §7.2
 * steps 5–6), replayed with real signatures: the attacker holds a real account and a real passkey.
 */
import { describe, expect, it } from 'vitest';
import type { PasskeyServerConfig } from '../../src/index';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from '../helpers';

const carol = { id: 'user-carol', name: 'carol@example.com', displayName: 'Carol' };
const USERS = [alice, bob, carol];
const findUser: PasskeyServerConfig['findUser'] = (name) => USERS.find((u) => u.name === name) ?? null;

/**
 * How the sign-in names its user before the assertion — a typed username (each mode) or a known
 * ID — and the refusal: a ceremony shaped as usernameless needs the user handle the key never sent.
 */
const CEREMONIES = [
  ['a typed username, discoverable mode', 'discoverable', { username: carol.name }, 'VERIFICATION_FAILED'],
  [
    'a typed username, allow-credentials mode',
    'allow-credentials',
    { username: carol.name },
    'CREDENTIAL_NOT_FOUND',
  ],
  ['the app’s user ID', 'discoverable', { userId: carol.id }, 'CREDENTIAL_NOT_FOUND'],
] as const;

// Yubico YSA-2026-02, "webauthn-server-core User Impersonation" (java-webauthn-server 2.8.0–2.8.1,
// fixed in 2.8.2 and 2.9.0): with a username-first sign-in, an attacker with an account of their own
// could authenticate as a target user who has no registered credential, with the attacker's own
// credential. The advisory (published 2026-05-12) lists its CVE as pending and the 2.9.0 release
// notes say CVE-[TBD]: the number CVE-2026-46419 could not be confirmed in the sources searched.
describe('advisory: YSA-2026-02 (a user without passkeys, answered with another user’s)', () => {
  it.each(CEREMONIES)(
    'YSA-2026-02 (java-webauthn-server 2.8.0–2.8.1): a sign-in for carol, who has no passkey, answered by bob’s passkey is refused — %s',
    async (_, usernameSignIn, start, code) => {
      const s = setup({ findUser, secret: 'a-shared-secret-of-32-characters', policy: { usernameSignIn } });
      // Bob's security key keeps no user handle (the second-factor flow the advisory is about)...
      const bobs = authenticator({ discoverable: false, attachment: 'cross-platform' });
      const passkey = await register(s, bobs, bob);
      const { ceremonyId, options } = await s.server.startAuthentication(start);
      // ...and his client ignores the options and names his own credential.
      const request = { ...options, allowCredentials: [{ id: passkey.id, type: 'public-key' }] };
      const response = await bobs.get(request, { origin: ORIGIN });
      expect(response.response.userHandle).toBeUndefined();
      await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), code);
      expect((await s.store.get(passkey.id))?.lastUsedAt).toBeNull();
      expect(s.events.filter((e) => e.type === 'passkey.authenticated')).toEqual([]);
    },
  );

  it('YSA-2026-02: bob’s discoverable passkey, user handle and all, cannot sign in a ceremony bound to carol either', async () => {
    const s = setup({ findUser });
    const bobs = authenticator();
    await register(s, bobs, bob);
    const { ceremonyId, options } = await s.server.startAuthentication({ username: carol.name });
    const response = await bobs.get(options, { origin: ORIGIN });
    expect(response.response.userHandle).toBeTypeOf('string');
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'CREDENTIAL_NOT_FOUND');
  });

  it('YSA-2026-02: the same passkey signs bob in when the ceremony is his, so the refusals are about the user', async () => {
    const s = setup({ findUser, policy: { usernameSignIn: 'allow-credentials' } });
    const bobs = authenticator({ discoverable: false });
    await register(s, bobs, bob);
    const { ceremonyId, options } = await s.server.startAuthentication({ username: bob.name });
    const response = await bobs.get(options, { origin: ORIGIN });
    await expect(s.server.finishAuthentication({ ceremonyId, response })).resolves.toMatchObject({
      userId: bob.id,
    });
  });
});

// A response whose `id` differs from its `rawId`: a server that looks the credential up by one and
// verifies or records the other can be made to check one credential and sign in another
// (JanssenProject/jans PR #14383 added this check; no advisory ID is known). WebAuthn L3 §5.1: both
// name the same credential, so the server refuses the response before any ceremony is spent.
describe('advisory: a response whose id differs from its rawId', () => {
  it('id ≠ rawId: alice’s signed assertion naming bob’s credential as rawId is INVALID_REQUEST; the ceremony survives', async () => {
    const s = setup();
    const alices = authenticator();
    const mine = await register(s, alices);
    const bobs = await register(s, authenticator(), bob);
    const { ceremonyId, options } = await s.server.startAuthentication();
    const real = await alices.get(options, { origin: ORIGIN });
    for (const response of [
      { ...real, rawId: bobs.id },
      { ...real, id: bobs.id },
    ]) {
      await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'INVALID_REQUEST');
    }
    // Refused before the ceremony was taken: the genuine response still signs alice in.
    await expect(s.server.finishAuthentication({ ceremonyId, response: real })).resolves.toMatchObject({
      userId: alice.id,
      passkey: { id: mine.id },
    });
  });

  it('id ≠ rawId: a registration whose rawId is not its id is INVALID_REQUEST and stores nothing', async () => {
    const s = setup();
    const { ceremonyId, options } = await s.server.startRegistration({
      user: alice,
      lastVerifiedAt: s.clock.now,
    });
    const real = await authenticator().create(options, { origin: ORIGIN });
    const response = { ...real, rawId: Buffer.alloc(32, 1).toString('base64url') };
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: alice.id, response }),
      'INVALID_REQUEST',
    );
    expect(await s.store.listByUser(alice.id)).toEqual([]);
  });
});
