/**
 * Registration without a session, through the HTTP handler: a passkey is a way into an account, so
 * only its signed-in owner may add one, and a request without a session must cost the server nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  expectError,
  failingStores,
  httpSetup,
  jsonOf,
  ORIGIN,
} from '../http-helpers';

// MyAuthenticator before 0.3.1 (GHSA-g4c6-hq9j-38x7): passkey registration did not require an
// authenticated owner session, so anyone could add a passkey to the account. The same class of
// flaw as better-auth's API-key routes trusting a user ID from the body (CVE-2025-61928).
describe('advisory: registration without a session (GHSA-g4c6-hq9j-38x7)', () => {
  it('GHSA-g4c6-hq9j-38x7 (MyAuthenticator < 0.3.1): register/options without a session is 401 before any store is touched', async () => {
    const stores = failingStores();
    const h = httpSetup({ config: { store: stores.store, challenges: stores.challenges } });
    // Every store call now throws: a 503 would mean the request did work before asking who it is.
    stores.failing.add('*');
    const cookies = [{}, { token: 'no-such-session' }, { origin: false as const }];
    for (const extra of cookies) {
      const res = await h.send({ path: `${BASE}/register/options`, body: { user: alice }, ...extra });
      await expectError(res, 'NOT_SIGNED_IN');
    }
    stores.failing.clear();
    expect(await stores.raw.store.listByUser(alice.id)).toEqual([]);
  });

  it('GHSA-g4c6-hq9j-38x7: register/verify without a session is 401, stores nothing and leaves the owner’s ceremony usable', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const start = await jsonOf(await h.send({ path: `${BASE}/register/options`, body: {}, token }));
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    const body = { ceremonyId: start.ceremonyId, response };
    // The thief has the owner's ceremony and a genuine response, but no session.
    for (const extra of [{}, { token: 'no-such-session' }, { body: { ...body, userId: alice.id } }]) {
      await expectError(await h.send({ path: `${BASE}/register/verify`, body, ...extra }), 'NOT_SIGNED_IN');
    }
    expect((await h.server.list(alice.id)).passkeys).toEqual([]);
    const finish = await h.send({ path: `${BASE}/register/verify`, body, token });
    expect(finish.status).toBe(201);
  });
});
