import {
  type ChallengeRecord,
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type Passkey,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyStore,
  type PasskeyUse,
} from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { createPasskeyHandler, createPasskeyServer } from '../src/index';
import {
  alice,
  authenticator,
  BASE,
  bob,
  type Call,
  DOCUMENTED_STATUS,
  expectError,
  failingStores,
  httpSetup,
  jsonOf,
  loginBody,
  ORIGIN,
  registerOverHttp,
  STEP_UP,
  stepUpBody,
} from './http-helpers';

const SECRET_TEXT = 'kaboom-secret-7f3a';

describe('error bodies and statuses follow the documented error table', () => {
  it.each(Object.entries(DOCUMENTED_STATUS))(
    '%s → %i, body exactly { error: { code, message, details? } }',
    async (code, status) => {
      const h = httpSetup({
        handler: {
          getSession: () => {
            throw new PasskeyError(code as PasskeyErrorCode, 'app says no', { details: { retryAfter: 3 } });
          },
        },
      });
      const res = await h.send({ path: BASE, token: 'any' });
      expect(res.status).toBe(status);
      const error = await expectError(res, code);
      expect(error).toEqual({ code, message: 'app says no', details: { retryAfter: 3 } });
    },
  );

  it('an error without details has no details key', async () => {
    const h = httpSetup();
    const res = await h.send({ path: BASE });
    const error = await expectError(res, 'NOT_SIGNED_IN');
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  });

  it('every error response carries content-type: application/json and cache-control: no-store', async () => {
    const h = httpSetup();
    const calls: Call[] = [
      { method: 'PUT', path: BASE },
      { path: `${BASE}/login/options`, body: {}, origin: 'https://evil.example' },
      { path: `${BASE}/login/options`, raw: '{}' },
      { path: `${BASE}/login/options`, raw: '{', headers: { 'content-type': 'application/json' } },
      { path: BASE },
    ];
    for (const call of calls) {
      const res = await h.send(call);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('app hook failures → 500 INTERNAL_ERROR that reveals nothing, and is logged', () => {
  const boom = new Error(`${SECRET_TEXT} at db.example.internal:5432`);

  async function expectInternal(res: Response, logged: { level: string; args: unknown[] }[]) {
    const text = await res.clone().text();
    await expectError(res, 'INTERNAL_ERROR');
    expect(text).not.toContain(SECRET_TEXT);
    expect(text).not.toContain('db.example.internal');
    expect(text).not.toMatch(/stack|at \w+ \(/);
    expect(logged.some((l) => l.level === 'error' && l.args.includes(boom))).toBe(true);
  }

  it.each([
    [
      'throws',
      () => {
        throw boom;
      },
    ],
    ['rejects', async () => Promise.reject(boom)],
  ])('getSession %s → 500', async (_, getSession) => {
    const h = httpSetup({ handler: { getSession } });
    await expectInternal(await h.send({ path: BASE, token: 'x' }), h.logged);
  });

  it('getSession returning something without user.id → 500, logged', async () => {
    const h = httpSetup({ handler: { getSession: () => ({ lastVerifiedAt: null }) as never } });
    const res = await h.send({ path: BASE, token: 'x' });
    await expectError(res, 'INTERNAL_ERROR');
    expect(h.logged.some((l) => l.level === 'error')).toBe(true);
  });

  it('onSignedIn throwing → 500 without any Set-Cookie', async () => {
    const h = httpSetup({
      handler: {
        onSignedIn: () => {
          throw boom;
        },
      },
    });
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const res = await h.send({ path: `${BASE}/login/verify`, body: await loginBody(h, auth) });
    expect(res.headers.get('set-cookie')).toBeNull();
    await expectInternal(res, h.logged);
  });

  it('onVerified throwing → 500', async () => {
    const h = httpSetup({ handler: { onVerified: async () => Promise.reject(boom) } });
    const auth = authenticator();
    const token = h.signIn(alice);
    await registerOverHttp(h, auth, token);
    const res = await h.send({
      path: `${BASE}/step-up/verify`,
      body: await stepUpBody(h, auth, token),
      token,
    });
    await expectInternal(res, h.logged);
  });

  it('findUser throwing → 500', async () => {
    const h = httpSetup({
      config: {
        findUser: () => {
          throw boom;
        },
      },
    });
    await expectInternal(await h.send({ path: `${BASE}/login/options`, body: { username: 'x' } }), h.logged);
  });

  it('hooks may return promises: async getSession, async onSignedIn returning Headers', async () => {
    const base = httpSetup();
    const auth = authenticator();
    await registerOverHttp(base, auth, base.signIn(alice));
    const h = httpSetup({
      config: { store: base.store },
      handler: {
        getSession: async () => ({ user: alice, lastVerifiedAt: null }),
        onSignedIn: async () =>
          new Headers([
            ['set-cookie', 'a=1'],
            ['x-extra', 'yes'],
          ]),
      },
    });
    expect((await h.send({ path: BASE })).status).toBe(200);
    const res = await h.send({ path: `${BASE}/login/verify`, body: await loginBody(h, auth) });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBe('a=1');
    expect(res.headers.get('x-extra')).toBe('yes');
    // The app’s headers never replace the protocol’s.
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  });

  it('a hook cannot override content-type or cache-control', async () => {
    const h = httpSetup({
      handler: {
        onSignedIn: () => ({ 'content-type': 'text/html', 'cache-control': 'public, max-age=3600' }),
      },
    });
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const res = await h.send({ path: `${BASE}/login/verify`, body: await loginBody(h, auth) });
    expect(res.status).toBe(200);
    await jsonOf(res);
  });
});

describe('store failures → 503 STORE_UNAVAILABLE, never a 500, and nothing written', () => {
  async function world() {
    const stores = failingStores();
    // Names answered with credential IDs, so that a username sign-in reads the store too.
    const policy = { usernameSignIn: 'allow-credentials' as const };
    const h = httpSetup({ config: { store: stores.store, challenges: stores.challenges, policy } });
    const token = h.signIn(alice);
    const auth = authenticator();
    const { passkey } = await registerOverHttp(h, auth, token);
    return { h, token, auth, passkey, stores };
  }

  async function expectUnavailable(res: Response, logged: { level: string; args: unknown[] }[]) {
    const text = await res.clone().text();
    await expectError(res, 'STORE_UNAVAILABLE');
    expect(text).not.toContain('secret-detail-42');
    expect(text).not.toContain('db down');
    expect(logged.some((l) => l.level === 'error')).toBe(true);
  }

  it.each([
    [
      'listByUser',
      'register/options',
      (w: Awaited<ReturnType<typeof world>>): Call => ({
        path: `${BASE}/register/options`,
        body: {},
        token: w.token,
      }),
    ],
    [
      'put',
      'register/options',
      (w: Awaited<ReturnType<typeof world>>): Call => ({
        path: `${BASE}/register/options`,
        body: {},
        token: w.token,
      }),
    ],
    ['put', 'login/options', () => ({ path: `${BASE}/login/options`, body: {} })],
    [
      'listByUser',
      'login/options with a username',
      () => ({ path: `${BASE}/login/options`, body: { username: alice.name } }),
    ],
    [
      'listByUser',
      'step-up/options',
      (w: Awaited<ReturnType<typeof world>>): Call => ({
        path: `${BASE}/step-up/options`,
        body: STEP_UP,
        token: w.token,
      }),
    ],
    [
      'listByUser',
      'GET list',
      (w: Awaited<ReturnType<typeof world>>): Call => ({ path: BASE, token: w.token }),
    ],
    [
      'listByUser',
      'removal-impact',
      (w: Awaited<ReturnType<typeof world>>): Call => ({
        path: `${BASE}/${w.passkey.id}/removal-impact`,
        token: w.token,
      }),
    ],
  ] as [string, string, (w: Awaited<ReturnType<typeof world>>) => Call][])(
    '%s throwing during %s → 503',
    async (method, _, call) => {
      const w = await world();
      w.stores.failing.add(method);
      await expectUnavailable(await w.h.send(call(w)), w.h.logged);
    },
  );

  it('create throwing during register/verify → 503, nothing stored', async () => {
    const w = await world();
    const start = await jsonOf(
      await w.h.send({ path: `${BASE}/register/options`, body: {}, token: w.token }),
    );
    const response = await authenticator().create(start.options as never, { origin: ORIGIN });
    w.stores.failing.add('create');
    const res = await w.h.send({
      path: `${BASE}/register/verify`,
      body: { ceremonyId: start.ceremonyId, response },
      token: w.token,
    });
    await expectUnavailable(res, w.h.logged);
    const stored = await w.stores.raw.store.listByUser(alice.id);
    expect(stored.map((p) => p.id)).toEqual([w.passkey.id]);
  });

  it.each(['take', 'get', 'recordUse'])(
    '%s throwing during login/verify → 503, no session, counter unchanged',
    async (method) => {
      const w = await world();
      const before = await w.stores.raw.store.get(w.passkey.id);
      const body = await loginBody(w.h, w.auth);
      w.stores.failing.add(method);
      await expectUnavailable(await w.h.send({ path: `${BASE}/login/verify`, body }), w.h.logged);
      expect(w.h.signedIn).toEqual([]);
      expect(await w.stores.raw.store.get(w.passkey.id)).toEqual(before);
    },
  );

  it('recordUse throwing during step-up/verify → 503, no receipt, no onVerified', async () => {
    const w = await world();
    const body = await stepUpBody(w.h, w.auth, w.token);
    w.stores.failing.add('recordUse');
    const res = await w.h.send({ path: `${BASE}/step-up/verify`, body, token: w.token });
    await expectUnavailable(res, w.h.logged);
    expect(w.h.verified).toEqual([]);
  });

  it('rename throwing → 503, the name is unchanged', async () => {
    const w = await world();
    w.stores.failing.add('rename');
    const res = await w.h.send({
      method: 'PATCH',
      path: `${BASE}/${w.passkey.id}`,
      body: { name: 'New' },
      token: w.token,
    });
    await expectUnavailable(res, w.h.logged);
    expect((await w.stores.raw.store.get(w.passkey.id))?.name).toBe(w.passkey.name);
  });

  it('remove throwing → 503, the passkey is still there', async () => {
    const w = await world();
    w.stores.failing.add('remove');
    const res = await w.h.send({
      method: 'DELETE',
      path: `${BASE}/${w.passkey.id}`,
      body: { confirm: true },
      token: w.token,
    });
    await expectUnavailable(res, w.h.logged);
    expect(await w.stores.raw.store.get(w.passkey.id)).not.toBeNull();
  });

  it('every store method throwing: every route answers 503 or a check that comes before the store', async () => {
    const w = await world();
    const ceremony = { ceremonyId: 'AAAAAAAAAAAAAAAAAAAAAAAA' };
    const assertion = (await loginBody(w.h, w.auth)).response;
    w.stores.failing.add('*');
    const calls: Call[] = [
      { path: `${BASE}/register/options`, body: {}, token: w.token },
      { path: `${BASE}/login/options`, body: {} },
      { path: `${BASE}/login/options`, body: { username: 'nobody' } },
      { path: `${BASE}/login/verify`, body: { ...ceremony, response: assertion } },
      { path: `${BASE}/step-up/options`, body: STEP_UP, token: w.token },
      { path: `${BASE}/step-up/verify`, body: { ...ceremony, response: assertion }, token: w.token },
      { path: BASE, token: w.token },
      { path: `${BASE}/${w.passkey.id}/removal-impact`, token: w.token },
      { method: 'PATCH', path: `${BASE}/${w.passkey.id}`, body: { name: 'x' }, token: w.token },
      { method: 'DELETE', path: `${BASE}/${w.passkey.id}`, body: { confirm: true }, token: w.token },
    ];
    for (const call of calls) await expectUnavailable(await w.h.send(call), w.h.logged);
    expect(await w.stores.raw.store.listByUser(alice.id)).toHaveLength(1);
  });

  // A store written as a class keeps its methods on the prototype: they must be found there.
  it('a store written as a class works, and its failures are 503 too', async () => {
    class ClassStore implements PasskeyStore {
      inner = createMemoryPasskeyStore();
      down = false;
      private check() {
        if (this.down) throw new Error('db down');
      }
      async get(id: string) {
        this.check();
        return this.inner.get(id);
      }
      async listByUser(userId: string) {
        this.check();
        return this.inner.listByUser(userId);
      }
      async create(passkey: Passkey, options: { maxPerUser: number }) {
        this.check();
        return this.inner.create(passkey, options);
      }
      async recordUse(id: string, use: PasskeyUse) {
        this.check();
        return this.inner.recordUse(id, use);
      }
      async rename(userId: string, id: string, name: string) {
        this.check();
        return this.inner.rename(userId, id, name);
      }
      async remove(userId: string, id: string) {
        this.check();
        return this.inner.remove(userId, id);
      }
    }
    class ClassChallenges implements ChallengeStore {
      inner = createMemoryChallengeStore();
      async put(id: string, record: ChallengeRecord, options: { ttlMs: number }) {
        return this.inner.put(id, record, options);
      }
      async take(id: string) {
        return this.inner.take(id);
      }
    }
    const store = new ClassStore();
    const h = httpSetup({ config: { store, challenges: new ClassChallenges() } });
    const token = h.signIn(alice);
    const list = await h.send({ path: BASE, token });
    expect(list.status).toBe(200);
    store.down = true;
    await expectError(await h.send({ path: BASE, token }), 'STORE_UNAVAILABLE');
  });

  it('a store that fails for one user does not affect another user’s reads afterwards', async () => {
    const w = await world();
    w.stores.failing.add('listByUser');
    await expectUnavailable(await w.h.send({ path: BASE, token: w.h.signIn(bob) }), w.h.logged);
    w.stores.failing.clear();
    expect((await w.h.send({ path: BASE, token: w.token })).status).toBe(200);
  });
});

describe('a malformed session is the app’s bug', () => {
  it.each([
    { user: { id: 'u1' } },
    { user: { id: '', name: 'n', displayName: 'n' } },
    { user: null },
    { lastVerifiedAt: null },
  ])('getSession returning %o → 500 INTERNAL_ERROR, not a 400', async (session) => {
    const errors: unknown[] = [];
    const server = createPasskeyServer({
      rp: { id: 'example.com', name: 'x' },
      origins: ['https://example.com'],
      logger: { warn: () => {}, error: (_m, e) => errors.push(e) },
    });
    const handle = createPasskeyHandler(server, { getSession: () => session as never });
    const res = (await handle(new Request('https://example.com/passkeys')))!;
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_ERROR');
    expect(errors).toHaveLength(1);
  });
});
