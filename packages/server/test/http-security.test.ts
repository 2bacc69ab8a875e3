import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  bob,
  type Call,
  expectError,
  type HttpSetup,
  httpSetup,
  jsonOf,
  loginBody,
  ORIGIN,
  registerOverHttp,
  STEP_UP,
  stepUpBody,
} from './http-helpers';

const hourAgo = (h: HttpSetup) => new Date(h.clock.now.getTime() - 3600_000);

describe('the body cannot stand in for the session', () => {
  const smuggled = (h: HttpSetup) => [
    { lastVerifiedAt: h.clock.now.toISOString() },
    { lastVerifiedAt: h.clock.now.getTime() },
    { lastVerifiedAt: h.clock.now.toISOString(), user: { ...alice } },
    { user: { ...bob }, lastVerifiedAt: h.clock.now.toISOString() },
    { session: { user: alice, lastVerifiedAt: h.clock.now.toISOString() } },
    { authenticator: 'any', mediation: 'modal', lastVerifiedAt: h.clock.now.toISOString() },
  ];

  it('a stale session with { lastVerifiedAt: now } (and friends) in the body → 403 STEP_UP_REQUIRED', async () => {
    const h = httpSetup();
    const token = h.signIn(alice, hourAgo(h));
    for (const body of smuggled(h)) {
      const res = await h.send({ path: `${BASE}/register/options`, body, token });
      await expectError(res, 'STEP_UP_REQUIRED');
    }
    const raw = `{"__proto__":{"lastVerifiedAt":"${h.clock.now.toISOString()}"},"constructor":{"prototype":{"lastVerifiedAt":1}}}`;
    const res = await h.send({
      path: `${BASE}/register/options`,
      raw,
      headers: { 'content-type': 'application/json' },
      token,
    });
    await expectError(res, 'STEP_UP_REQUIRED');
    expect(({} as Record<string, unknown>).lastVerifiedAt).toBeUndefined();
  });

  it('a never-verified session with a smuggled date → 403', async () => {
    const h = httpSetup();
    const token = h.signIn(alice, null);
    for (const body of smuggled(h)) {
      await expectError(await h.send({ path: `${BASE}/register/options`, body, token }), 'STEP_UP_REQUIRED');
    }
  });

  it('a stale session with { lastVerifiedAt: now } cannot remove a passkey', async () => {
    const h = httpSetup();
    const { passkey } = await registerOverHttp(h, authenticator(), h.signIn(alice));
    const token = h.signIn(alice, hourAgo(h));
    const body = { confirm: true, lastVerifiedAt: h.clock.now.toISOString() };
    await expectError(
      await h.send({ method: 'DELETE', path: `${BASE}/${passkey.id}`, body, token }),
      'STEP_UP_REQUIRED',
    );
    expect((await h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it('register/options with { user: bob } creates a ceremony for the session’s user', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const res = await h.send({ path: `${BASE}/register/options`, body: { user: bob }, token });
    const { options } = (await jsonOf(res)) as { options: { user: { name: string } } };
    expect(options.user.name).toBe(alice.name);
  });

  it('register/verify with { userId: bob } stores the passkey for the session’s user', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const start = await jsonOf(await h.send({ path: `${BASE}/register/options`, body: {}, token }));
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    const body = { ceremonyId: start.ceremonyId, response, userId: bob.id };
    expect((await h.send({ path: `${BASE}/register/verify`, body, token })).status).toBe(201);
    expect((await h.server.list(alice.id)).passkeys).toHaveLength(1);
    expect((await h.server.list(bob.id)).passkeys).toHaveLength(0);
  });

  it('step-up/verify with { userId: alice } in bob’s session does not use alice’s ceremony', async () => {
    const h = httpSetup();
    const auth = authenticator();
    const aliceToken = h.signIn(alice);
    await registerOverHttp(h, auth, aliceToken);
    const body = { ...(await stepUpBody(h, auth, aliceToken)), userId: alice.id };
    await expectError(
      await h.send({ path: `${BASE}/step-up/verify`, body, token: h.signIn(bob) }),
      'CEREMONY_NOT_FOUND',
    );
    expect(h.verified).toEqual([]);
  });
});

describe('another user’s session and someone else’s passkey', () => {
  async function world() {
    const h = httpSetup();
    const aliceAuth = authenticator();
    const { passkey } = await registerOverHttp(h, aliceAuth, h.signIn(alice));
    return { h, aliceAuth, passkey, bobToken: h.signIn(bob) };
  }

  it.each([
    ['rename', (id: string): Call => ({ method: 'PATCH', path: `${BASE}/${id}`, body: { name: 'Pwned' } })],
    ['remove', (id: string): Call => ({ method: 'DELETE', path: `${BASE}/${id}`, body: { confirm: true } })],
    ['remove without confirm', (id: string): Call => ({ method: 'DELETE', path: `${BASE}/${id}` })],
    ['removal-impact', (id: string): Call => ({ path: `${BASE}/${id}/removal-impact` })],
  ] as const)('bob cannot %s alice’s passkey: 404, nothing changes', async (_, call) => {
    const w = await world();
    const res = await w.h.send({ ...call(w.passkey.id), token: w.bobToken });
    const error = await expectError(res, 'CREDENTIAL_NOT_FOUND');
    expect(error.details).toBeUndefined();
    const after = await w.h.server.list(alice.id);
    expect(after.passkeys).toEqual([expect.objectContaining({ id: w.passkey.id, name: w.passkey.name })]);
  });

  it('bob without passkeys cannot start a step-up: 404', async () => {
    const w = await world();
    const res = await w.h.send({ path: `${BASE}/step-up/options`, body: STEP_UP, token: w.bobToken });
    await expectError(res, 'CREDENTIAL_NOT_FOUND');
  });

  it('bob’s step-up answered with alice’s passkey → 404, no receipt, session not marked verified', async () => {
    const w = await world();
    await registerOverHttp(w.h, authenticator(), w.bobToken);
    const start = await jsonOf(
      await w.h.send({ path: `${BASE}/step-up/options`, body: STEP_UP, token: w.bobToken }),
    );
    // Alice's authenticator signs bob's challenge (a forged client ignores allowCredentials).
    const options = { ...(start.options as object), allowCredentials: [] } as never;
    const response = await w.aliceAuth.get(options, { origin: ORIGIN });
    const res = await w.h.send({
      path: `${BASE}/step-up/verify`,
      body: { ceremonyId: start.ceremonyId, response },
      token: w.bobToken,
    });
    await expectError(res, 'CREDENTIAL_NOT_FOUND');
    expect(res.headers.get('x-session-verified')).toBeNull();
    expect(w.h.verified).toEqual([]);
  });

  it('alice’s registration ceremony finished in bob’s session → 410, nothing stored', async () => {
    const w = await world();
    const aliceToken = w.h.signIn(alice);
    const start = await jsonOf(
      await w.h.send({ path: `${BASE}/register/options`, body: {}, token: aliceToken }),
    );
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    const body = { ceremonyId: start.ceremonyId, response };
    await expectError(
      await w.h.send({ path: `${BASE}/register/verify`, body, token: w.bobToken }),
      'CEREMONY_NOT_FOUND',
    );
    expect((await w.h.server.list(bob.id)).passkeys).toHaveLength(0);
    expect((await w.h.server.list(alice.id)).passkeys).toHaveLength(1);
  });
});

describe('single use under concurrency', () => {
  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

  it('a login/verify replayed 10 times concurrently → exactly one 200, nine 410', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const body = await loginBody(h, auth);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => h.send({ path: `${BASE}/login/verify`, body })),
    );
    expect(statuses(responses)).toEqual([200, ...Array(9).fill(410)]);
    for (const r of responses.filter((x) => x.status === 410)) await expectError(r, 'CEREMONY_NOT_FOUND');
    expect(h.signedIn).toHaveLength(1);
    expect(responses.filter((r) => r.headers.has('set-cookie'))).toHaveLength(1);
  });

  it('a step-up/verify replayed 10 times concurrently → exactly one receipt', async () => {
    const h = httpSetup();
    const auth = authenticator();
    const token = h.signIn(alice);
    await registerOverHttp(h, auth, token);
    const body = await stepUpBody(h, auth, token);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => h.send({ path: `${BASE}/step-up/verify`, body, token })),
    );
    expect(statuses(responses)).toEqual([200, ...Array(9).fill(410)]);
    expect(h.verified).toHaveLength(1);
  });

  it('a register/verify replayed 10 times concurrently → one 201, one passkey', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const start = await jsonOf(await h.send({ path: `${BASE}/register/options`, body: {}, token }));
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    const body = { ceremonyId: start.ceremonyId, response };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => h.send({ path: `${BASE}/register/verify`, body, token })),
    );
    expect(statuses(responses)).toEqual([201, ...Array(9).fill(410)]);
    expect((await h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it('two concurrent removals of one passkey → one 200, one 404', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    await registerOverHttp(h, authenticator(), token);
    const call = { method: 'DELETE', path: `${BASE}/${passkey.id}`, body: { confirm: true }, token };
    const responses = await Promise.all([h.send(call), h.send(call)]);
    expect(statuses(responses)).toEqual([200, 404]);
    expect((await h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it('a login/verify replayed after success → 410', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const body = await loginBody(h, auth);
    expect((await h.send({ path: `${BASE}/login/verify`, body })).status).toBe(200);
    await expectError(await h.send({ path: `${BASE}/login/verify`, body }), 'CEREMONY_NOT_FOUND');
  });
});

describe('refused requests spend nothing', () => {
  it('a cross-site login/verify (403) leaves the ceremony for the real page', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const body = await loginBody(h, auth);
    const csrf = await h.send({ path: `${BASE}/login/verify`, body, origin: 'https://evil.example' });
    await expectError(csrf, 'CROSS_SITE_REQUEST');
    expect(h.signedIn).toEqual([]);
    expect((await h.send({ path: `${BASE}/login/verify`, body })).status).toBe(200);
  });

  it('a malformed login/verify (400) keeps the ceremony', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const body = await loginBody(h, auth);
    const broken = { ...body, response: { ...body.response, rawId: 'AAAA' } };
    await expectError(await h.send({ path: `${BASE}/login/verify`, body: broken }), 'INVALID_REQUEST');
    expect((await h.send({ path: `${BASE}/login/verify`, body })).status).toBe(200);
  });

  it('a step-up/verify without a session (401) keeps the ceremony', async () => {
    const h = httpSetup();
    const auth = authenticator();
    const token = h.signIn(alice);
    await registerOverHttp(h, auth, token);
    const body = await stepUpBody(h, auth, token);
    await expectError(await h.send({ path: `${BASE}/step-up/verify`, body }), 'NOT_SIGNED_IN');
    expect((await h.send({ path: `${BASE}/step-up/verify`, body, token })).status).toBe(200);
  });

  it('a login/verify whose signature is forged → 422 and the ceremony is spent', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const start = await jsonOf(await h.send({ path: `${BASE}/login/options`, body: {} }));
    const forged = await auth.get(start.options as never, { origin: ORIGIN, faults: { badSignature: true } });
    const good = await auth.get(start.options as never, { origin: ORIGIN });
    const verify = (response: unknown) =>
      h.send({ path: `${BASE}/login/verify`, body: { ceremonyId: start.ceremonyId, response } });
    await expectError(await verify(forged), 'VERIFICATION_FAILED');
    await expectError(await verify(good), 'CEREMONY_NOT_FOUND');
    expect(h.signedIn).toEqual([]);
  });
});
