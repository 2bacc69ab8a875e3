/**
 * Known advisories about managing passkeys, replayed through the HTTP handler: the attacker is
 * signed in to an account of their own, freshly and strongly verified, and knows the victim's
 * passkey ID (credential IDs are not secrets: they travel in every allowCredentials list).
 */
import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  bob,
  expectError,
  httpSetup,
  loginBody,
  registerOverHttp,
} from '../http-helpers';

async function world() {
  const h = httpSetup();
  const alices = authenticator();
  const { passkey } = await registerOverHttp(h, alices, h.signIn(alice));
  await registerOverHttp(h, authenticator(), h.signIn(bob));
  // Bob verified with a second factor a moment ago: nothing but ownership stands in his way.
  return { h, alices, victim: passkey.id, bobToken: h.signIn(bob) };
}

// better-auth passkey plugin before 1.4.0 (CVE-2025-71400, fixed by better-auth/better-auth PR
// #6431): the delete-passkey endpoint removed any passkey by its ID, whoever's it was (CWE-639).
describe('advisory: CVE-2025-71400 (deleting another user’s passkey by its ID)', () => {
  it('CVE-2025-71400 (better-auth passkey < 1.4.0): bob’s DELETE of alice’s passkey ID is 404 CREDENTIAL_NOT_FOUND; it still signs alice in', async () => {
    const w = await world();
    const res = await w.h.send({
      method: 'DELETE',
      path: `${BASE}/${w.victim}`,
      body: { confirm: true },
      token: w.bobToken,
    });
    await expectError(res, 'CREDENTIAL_NOT_FOUND');
    expect((await w.h.server.list(alice.id)).passkeys.map((p) => p.id)).toEqual([w.victim]);
    expect((await w.h.server.list(bob.id)).passkeys).toHaveLength(1);
    const login = await w.h.send({ path: `${BASE}/login/verify`, body: await loginBody(w.h, w.alices) });
    expect(login.status).toBe(200);
  });

  it('CVE-2025-71400: the programmatic remove, even on the app’s recovery path, only removes the named user’s own passkey', async () => {
    const w = await world();
    const now = w.h.clock.now;
    const strong = {
      lastVerifiedAt: now,
      lastVerifiedWith: 'second-factor' as const,
      confirm: true as const,
    };
    for (const options of [strong, { recovery: true as const, confirm: true as const }]) {
      await expect(w.h.server.remove(bob.id, w.victim, options)).rejects.toMatchObject({
        code: 'CREDENTIAL_NOT_FOUND',
      });
    }
    expect(await w.h.store.get(w.victim)).not.toBeNull();
  });

  it('CVE-2025-71400: nor can bob rename alice’s passkey or read what removing it would do', async () => {
    const w = await world();
    const rename = {
      method: 'PATCH',
      path: `${BASE}/${w.victim}`,
      body: { name: 'Pwned' },
      token: w.bobToken,
    };
    await expectError(await w.h.send(rename), 'CREDENTIAL_NOT_FOUND');
    const impact = { path: `${BASE}/${w.victim}/removal-impact`, token: w.bobToken };
    await expectError(await w.h.send(impact), 'CREDENTIAL_NOT_FOUND');
    expect((await w.h.store.get(w.victim))?.name).not.toBe('Pwned');
  });
});
