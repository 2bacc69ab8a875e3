import { describe, expect, it } from 'vitest';
import { createPasskeyHandler, createPasskeyServer } from '../src/index';
import {
  alice,
  authenticator,
  BASE,
  bob,
  carol,
  expectError,
  httpSetup,
  jsonOf,
  loginBody,
  ORIGIN,
  RP_ID,
  registerOverHttp,
  STEP_UP,
  stepUpBody,
} from './http-helpers';

const VIEW_KEYS = [
  'attachment',
  'createdAt',
  'deviceType',
  'id',
  'lastUsedAt',
  'name',
  'prf',
  'provider',
  'synced',
  'transports',
];
const B64URL = /^[A-Za-z0-9_-]+$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('HTTP routes, happy paths', () => {
  it('POST register/options → 200 { ceremonyId, options } for a fresh session', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const res = await h.send({ path: `${BASE}/register/options`, body: {}, token });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(Object.keys(body).sort()).toEqual(['ceremonyId', 'options']);
    expect(body.ceremonyId).toMatch(B64URL);
    expect(body.options).toMatchObject({
      rp: { id: RP_ID, name: 'Example' },
      user: { name: alice.name, displayName: alice.displayName },
      excludeCredentials: [],
    });
    const user = (body.options as { user: { id: string } }).user;
    expect(user.id).not.toContain(alice.id);
  });

  it.each([
    ['this-device', ['client-device']],
    ['security-key', ['security-key']],
    ['other-device', ['hybrid']],
  ])('POST register/options passes the authenticator choice %s through as hints', async (choice, hints) => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const res = await h.send({ path: `${BASE}/register/options`, body: { authenticator: choice }, token });
    expect(res.status).toBe(200);
    expect(((await jsonOf(res)).options as { hints: string[] }).hints).toEqual(hints);
  });

  it('POST register/options with no body at all is the same as {}', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const res = await h.send({ method: 'POST', path: `${BASE}/register/options`, token });
    expect(res.status).toBe(200);
  });

  it('POST register/verify → 201 { passkey } as a PasskeyView in JSON (ISO dates, no public key)', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const start = await jsonOf(await h.send({ path: `${BASE}/register/options`, body: {}, token }));
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    const res = await h.send({
      path: `${BASE}/register/verify`,
      body: { ceremonyId: start.ceremonyId, response, name: '  My phone  ' },
      token,
    });
    expect(res.status).toBe(201);
    const body = await jsonOf(res);
    expect(Object.keys(body)).toEqual(['passkey']);
    const passkey = body.passkey as Record<string, unknown>;
    expect(Object.keys(passkey).sort()).toEqual(VIEW_KEYS);
    expect(passkey).toMatchObject({
      id: response.id,
      name: 'My phone',
      createdAt: h.clock.now.toISOString(),
      lastUsedAt: null,
      synced: false,
      deviceType: 'singleDevice',
      transports: ['internal'],
      attachment: 'platform',
      prf: false,
    });
    expect(passkey.createdAt).toMatch(ISO);
    expect(JSON.stringify(body)).not.toMatch(/publicKey|userHandle|counter/);
  });

  it('POST login/options without a username → usernameless: no allowCredentials', async () => {
    const h = httpSetup();
    const res = await h.send({ path: `${BASE}/login/options`, body: {} });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(Object.keys(body).sort()).toEqual(['ceremonyId', 'options']);
    expect(body.options).toMatchObject({ rpId: RP_ID, userVerification: 'required' });
    expect(body.options).not.toHaveProperty('allowCredentials');
  });

  it.each([alice.name, carol.name, 'nobody@example.com'])(
    'POST login/options with the name %s → by default shaped exactly as a usernameless one',
    async (username) => {
      const h = httpSetup();
      await registerOverHttp(h, authenticator(), h.signIn(alice));
      const shape = async (body: object) => {
        const { options } = (await jsonOf(await h.send({ path: `${BASE}/login/options`, body }))) as {
          options: Record<string, unknown>;
        };
        return JSON.stringify({ ...options, challenge: (options.challenge as string).length });
      };
      expect(await shape({ username })).toBe(await shape({}));
    },
  );

  it('POST login/options with a known user’s name (allow-credentials) → their real passkeys', async () => {
    const h = httpSetup({ config: { policy: { usernameSignIn: 'allow-credentials' } } });
    const auth = authenticator();
    const first = await registerOverHttp(h, auth, h.signIn(alice));
    h.advance(1);
    const second = await registerOverHttp(h, authenticator(), h.signIn(alice));
    const res = await h.send({ path: `${BASE}/login/options`, body: { username: alice.name } });
    expect(res.status).toBe(200);
    const { options } = (await jsonOf(res)) as { options: { allowCredentials: unknown[] } };
    expect(options.allowCredentials).toEqual([
      { id: first.passkey.id, type: 'public-key', transports: ['internal'] },
      { id: second.passkey.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it.each([
    ['an unknown name', 'nobody@example.com'],
    ['a known user without passkeys', carol.name],
  ])(
    'POST login/options with %s (allow-credentials) → fake allowCredentials, never an empty list',
    async (_, username) => {
      const h = httpSetup({ config: { policy: { usernameSignIn: 'allow-credentials' } } });
      await registerOverHttp(h, authenticator(), h.signIn(alice));
      const res = await h.send({ path: `${BASE}/login/options`, body: { username } });
      expect(res.status).toBe(200);
      const { options } = (await jsonOf(res)) as { options: { allowCredentials: { id: string }[] } };
      expect(options.allowCredentials.length).toBeGreaterThan(0);
      const real = (await h.server.list(alice.id)).passkeys.map((p) => p.id);
      for (const c of options.allowCredentials) expect(real).not.toContain(c.id);
    },
  );

  it('POST login/verify → 200 { userId, passkey } with the onSignedIn headers (Set-Cookie)', async () => {
    const h = httpSetup();
    const auth = authenticator();
    const { passkey } = await registerOverHttp(h, auth, h.signIn(alice));
    h.advance(60);
    const res = await h.send({ path: `${BASE}/login/verify`, body: await loginBody(h, auth) });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(Object.keys(body).sort()).toEqual(['passkey', 'userId']);
    expect(body.userId).toBe(alice.id);
    expect(body.passkey).toMatchObject({ id: passkey.id, lastUsedAt: h.clock.now.toISOString() });
    expect(Object.keys(body.passkey as object).sort()).toEqual(VIEW_KEYS);
    expect(h.signedIn).toEqual([{ userId: alice.id, token: expect.any(String) }]);
    expect(res.headers.get('set-cookie')).toBe(
      `sid=${h.signedIn[0]?.token}; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
    // The new session works.
    const list = await h.send({ path: BASE, token: h.signedIn[0]?.token });
    expect(list.status).toBe(200);
  });

  it('POST login/verify for a known user’s ceremony (with username) signs in', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const res = await h.send({
      path: `${BASE}/login/verify`,
      body: await loginBody(h, auth, { username: alice.name }),
    });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).userId).toBe(alice.id);
  });

  it('POST login/verify without an Origin header (a native app) signs in', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const start = await jsonOf(await h.send({ path: `${BASE}/login/options`, body: {}, origin: false }));
    const response = await auth.get(start.options as never, {
      origin: 'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
    });
    const res = await h.send({
      path: `${BASE}/login/verify`,
      body: { ceremonyId: start.ceremonyId, response },
      origin: false,
    });
    expect(res.status).toBe(200);
  });

  it('POST step-up/options → 200 { ceremonyId, options } listing the user’s passkeys', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    const res = await h.send({ path: `${BASE}/step-up/options`, body: STEP_UP, token });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(Object.keys(body).sort()).toEqual(['ceremonyId', 'options']);
    expect(body.options).toMatchObject({ allowCredentials: [{ id: passkey.id, type: 'public-key' }] });
  });

  it('POST step-up/verify → 200 { receipt } with the onVerified headers; the receipt verifies', async () => {
    const h = httpSetup();
    const auth = authenticator();
    const token = h.signIn(alice, new Date(h.clock.now.getTime() - 3600_000));
    const { passkey } = await registerOverHttp(h, auth, h.signIn(alice));
    const res = await h.send({
      path: `${BASE}/step-up/verify`,
      body: await stepUpBody(h, auth, token),
      token,
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(Object.keys(body)).toEqual(['receipt']);
    expect(body.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.headers.get('x-session-verified')).toBe('now');
    expect(h.verified).toEqual([token]);
    expect(h.sessions.get(token)?.lastVerifiedAt).toEqual(h.clock.now);
    const verified = await h.server.verifyReceipt(body.receipt as string, { userId: alice.id, ...STEP_UP });
    expect(verified.passkeyId).toBe(passkey.id);
  });

  it('GET {base} → { passkeys, limit, rpId, userHandle }, userHandle null before the first passkey', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const empty = await h.send({ path: BASE, token });
    expect(empty.status).toBe(200);
    expect(await jsonOf(empty)).toEqual({ passkeys: [], limit: 10, rpId: RP_ID, userHandle: null });

    const { passkey, options } = await registerOverHttp(h, authenticator(), token);
    const res = await h.send({ path: `${BASE}/`, token });
    const body = await jsonOf(res);
    expect(body).toEqual({ passkeys: [passkey], limit: 10, rpId: RP_ID, userHandle: options.user.id });
    expect(body.userHandle).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('GET {base} shows only the session user’s passkeys', async () => {
    const h = httpSetup();
    await registerOverHttp(h, authenticator(), h.signIn(alice));
    const res = await h.send({ path: BASE, token: h.signIn(bob) });
    expect(await jsonOf(res)).toMatchObject({ passkeys: [], userHandle: null });
  });

  it('GET {base}/:id/removal-impact → { remaining, lastPasskey, lowersSecurity }', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey: one } = await registerOverHttp(h, authenticator(), token);
    const last = await h.send({ path: `${BASE}/${one.id}/removal-impact`, token });
    expect(last.status).toBe(200);
    expect(await jsonOf(last)).toEqual({ remaining: 0, lastPasskey: true, lowersSecurity: true });
    await registerOverHttp(h, authenticator(), token);
    const res = await h.send({ path: `${BASE}/${one.id}/removal-impact`, token });
    expect(await jsonOf(res)).toEqual({ remaining: 1, lastPasskey: false, lowersSecurity: true });
  });

  it('PATCH {base}/:id → 200 { passkey } with the normalised name', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    const res = await h.send({
      method: 'PATCH',
      path: `${BASE}/${passkey.id}`,
      body: { name: ' Work key ' },
      token,
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).toEqual({ passkey: { ...passkey, name: 'Work key' } });
    expect((await h.server.list(alice.id)).passkeys[0]?.name).toBe('Work key');
  });

  it('DELETE {base}/:id with { confirm: true } → 200 { remaining }', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    await registerOverHttp(h, authenticator(), token);
    const res = await h.send({
      method: 'DELETE',
      path: `${BASE}/${passkey.id}`,
      body: { confirm: true },
      token,
    });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ remaining: 1 });
    expect((await h.server.list(alice.id)).passkeys.map((p) => p.id)).not.toContain(passkey.id);
  });

  it.each([
    ['no body', undefined],
    ['{}', {}],
    ['{ confirm: false }', { confirm: false }],
  ])('DELETE {base}/:id with %s → 409 CONFIRMATION_REQUIRED with the impact in details', async (_, body) => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    const res = await h.send({ method: 'DELETE', path: `${BASE}/${passkey.id}`, body, token });
    const error = await expectError(res, 'CONFIRMATION_REQUIRED');
    expect(error.details).toEqual({ remaining: 0, lastPasskey: true, lowersSecurity: true });
    expect((await h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it('the :id segment is percent-decoded', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    const encoded = [...passkey.id].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const res = await h.send({ path: `${BASE}/${encoded}/removal-impact`, token });
    expect(res.status).toBe(200);
  });

  it('a custom basePath serves the same routes and leaves the default path alone', async () => {
    const h = httpSetup({ handler: { basePath: '/api/v1/passkeys/' } });
    const res = await h.handle(
      new Request(`${ORIGIN}/api/v1/passkeys/login/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: '{}',
      }),
    );
    expect(res?.status).toBe(200);
    expect(await h.handle(new Request(`${ORIGIN}/passkeys/login/options`, { method: 'POST' }))).toBeNull();
  });
});

describe('createPasskeyHandler options', () => {
  const server = createPasskeyServer({ rp: { id: RP_ID, name: 'Example' }, origins: [ORIGIN] });
  const getSession = () => null;

  it.each([
    ['a basePath without a leading slash', { basePath: 'passkeys', getSession }],
    ['maxBodyBytes under 1024', { maxBodyBytes: 100, getSession }],
    ['a fractional maxBodyBytes', { maxBodyBytes: 2048.5, getSession }],
    ['no getSession', {}],
  ])('%s → TypeError at once', (_, options) => {
    expect(() => createPasskeyHandler(server, options as never)).toThrow(TypeError);
  });

  it('does not mutate (and works with) frozen options', async () => {
    const options = Object.freeze({ basePath: '/passkeys/', getSession });
    const handle = createPasskeyHandler(server, options);
    expect(options).toEqual({ basePath: '/passkeys/', getSession });
    const res = await handle(new Request(`${ORIGIN}/passkeys`));
    expect(res?.status).toBe(401);
  });

  it('several Set-Cookie headers from onSignedIn all reach the response', async () => {
    const h = httpSetup({
      handler: {
        onSignedIn: () => [
          ['set-cookie', 'sid=1; HttpOnly'],
          ['set-cookie', 'csrf=2'],
        ],
      },
    });
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const res = await h.send({ path: `${BASE}/login/verify`, body: await loginBody(h, auth) });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['sid=1; HttpOnly', 'csrf=2']);
  });

  it('getSession may report lastVerifiedAt as an ISO string or epoch milliseconds', async () => {
    for (const at of [(d: Date) => d.toISOString(), (d: Date) => d.getTime()]) {
      const h = httpSetup({
        handler: {
          getSession: () => ({ user: alice, lastVerifiedAt: at(new Date('2026-06-01T11:59:00Z')) as never }),
        },
      });
      expect((await h.send({ path: `${BASE}/register/options`, body: {} })).status).toBe(200);
    }
  });
});
