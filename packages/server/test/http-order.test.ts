import { beforeAll, describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  bob,
  type Call,
  expectError,
  type HttpSetup,
  httpSetup,
  ORIGIN,
  registerOverHttp,
  STEP_UP,
  toRequest,
  UNKNOWN_CEREMONY,
  UNKNOWN_ID,
} from './http-helpers';

/**
 * The protocol's order of checks: route (null), method (405), Origin (403), Content-Type when a body
 * is present (415), size (413), JSON shape (400), session (401), ownership (404),
 * confirmation (409), freshness (403). Each check gets requests that fail only it, and
 * requests that fail it and a later one: the earlier check must answer.
 */

const MAX = 4096;
const EVIL = 'https://evil.example';
const minutesAgo = (h: HttpSetup, m: number) => new Date(h.clock.now.getTime() - m * 60_000);

interface World {
  h: HttpSetup;
  /** alice, freshly verified; she owns `own`. */
  fresh: string;
  /** alice, verified an hour ago. */
  stale: string;
  /** bob, freshly verified; he owns `bobs`. */
  bobToken: string;
  own: string;
  bobs: string;
  registration: unknown;
  assertion: unknown;
}

async function world(): Promise<World> {
  const h = httpSetup({ handler: { maxBodyBytes: MAX } });
  const fresh = h.signIn(alice);
  const bobToken = h.signIn(bob);
  const auth = authenticator();
  const { passkey } = await registerOverHttp(h, auth, fresh);
  const { passkey: bobs } = await registerOverHttp(h, authenticator(), bobToken);
  // Shape-valid responses whose ceremonies are never finished.
  const reg = await h.server.startRegistration({
    user: alice,
    lastVerifiedAt: h.clock.now,
    lastVerifiedWith: 'second-factor',
  });
  const registration = await authenticator().create(reg.options, { origin: ORIGIN });
  const login = await h.server.startAuthentication();
  const assertion = await auth.get(login.options, { origin: ORIGIN });
  return {
    h,
    fresh,
    stale: h.signIn(alice, minutesAgo(h, 60)),
    bobToken,
    own: passkey.id,
    bobs: bobs.id,
    registration,
    assertion,
  };
}

/** Each route with a request that passes every check up to the session. */
const ROUTES = (w: World): Record<string, Omit<Call, 'token'>> => ({
  'register/options': { method: 'POST', path: `${BASE}/register/options`, body: {} },
  'register/verify': {
    method: 'POST',
    path: `${BASE}/register/verify`,
    body: { ceremonyId: UNKNOWN_CEREMONY, response: w.registration },
  },
  'login/options': { method: 'POST', path: `${BASE}/login/options`, body: {} },
  'login/verify': {
    method: 'POST',
    path: `${BASE}/login/verify`,
    body: { ceremonyId: UNKNOWN_CEREMONY, response: w.assertion },
  },
  'step-up/options': { method: 'POST', path: `${BASE}/step-up/options`, body: STEP_UP },
  'step-up/verify': {
    method: 'POST',
    path: `${BASE}/step-up/verify`,
    body: { ceremonyId: UNKNOWN_CEREMONY, response: w.assertion },
  },
  list: { method: 'GET', path: BASE },
  'removal-impact': { method: 'GET', path: `${BASE}/${w.own}/removal-impact` },
  rename: { method: 'PATCH', path: `${BASE}/${w.own}`, body: { name: 'Renamed' } },
  remove: { method: 'DELETE', path: `${BASE}/${w.own}`, body: { confirm: true } },
});
const SESSION_ROUTES = [
  'register/options',
  'register/verify',
  'step-up/options',
  'step-up/verify',
  'list',
  'removal-impact',
  'rename',
  'remove',
];
const STATE_CHANGING = SESSION_ROUTES.filter((r) => r !== 'list' && r !== 'removal-impact').concat([
  'login/options',
  'login/verify',
]);
const WITH_BODY = STATE_CHANGING;

let w: World;
beforeAll(async () => {
  w = await world();
});

describe('1. route: not one of ours → null', () => {
  const paths = [
    '/',
    '/other',
    '/passkeys-x',
    '/passkeysx/login/options',
    '/api/passkeys',
    '/passkeys/a/b/c',
    '/passkeys/login/options/extra',
    '/passkeys//removal-impact',
    '/passkeys/abc/removal-impactx',
    '/passkeys/abc/rename',
  ];
  it.each(paths.flatMap((p) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, p])))(
    '%s %s → null',
    async (method, path) => {
      const call: Call = method === 'GET' ? { method, path } : { method, path, body: {} };
      expect(await w.h.handle(toRequest(call))).toBeNull();
    },
  );

  it.each(paths)(
    '%s with a foreign Origin, a wrong Content-Type and a huge body → still null',
    async (path) => {
      const raw = 'x'.repeat(MAX * 4);
      const call = { method: 'POST', path, raw, origin: EVIL, headers: { 'content-type': 'text/plain' } };
      expect(await w.h.handle(toRequest(call))).toBeNull();
    },
  );
});

describe('2. method → 405 METHOD_NOT_ALLOWED with Allow', () => {
  const cases: [string, string, string][] = [
    ['GET', '/register/options', 'POST'],
    ['PUT', '/register/verify', 'POST'],
    ['DELETE', '/login/options', 'POST'],
    ['PATCH', '/login/verify', 'POST'],
    ['GET', '/step-up/options', 'POST'],
    ['GET', '/step-up/verify', 'POST'],
    ['POST', '', 'GET'],
    ['DELETE', '', 'GET'],
    ['POST', '/ID', 'PATCH, DELETE'],
    ['GET', '/ID', 'PATCH, DELETE'],
    ['PUT', '/ID', 'PATCH, DELETE'],
    ['POST', '/ID/removal-impact', 'GET'],
    ['DELETE', '/ID/removal-impact', 'GET'],
  ];
  const path = (p: string) => `${BASE}${p.replace('ID', w.own)}`;
  const allowOf = (res: Response) =>
    (res.headers.get('allow') ?? '')
      .split(',')
      .map((m) => m.trim())
      .sort();

  it.each(cases)('%s {base}%s → 405, Allow: %s', async (method, p, allow) => {
    const res = await w.h.send({ method, path: path(p), token: w.fresh });
    await expectError(res, 'METHOD_NOT_ALLOWED');
    expect(allowOf(res)).toEqual(allow.split(', ').sort());
  });

  it.each(cases)(
    '%s {base}%s with a foreign Origin, a wrong body and no session → 405 first',
    async (method, p) => {
      const call: Call = { method, path: path(p), origin: EVIL };
      if (method !== 'GET') Object.assign(call, { raw: '[', headers: { 'content-type': 'text/plain' } });
      await expectError(await w.h.send(call), 'METHOD_NOT_ALLOWED');
    },
  );
});

describe('3. Origin → 403 CROSS_SITE_REQUEST for state-changing requests', () => {
  const foreign = [
    EVIL,
    'null',
    'http://example.com',
    'https://example.com:8443',
    'https://sub.example.com',
    'https://example.com.evil.example',
    'https://example.com/',
    'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
  ];
  it.each(STATE_CHANGING.flatMap((r) => foreign.map((o) => [r, o])))(
    '%s with Origin %s → 403',
    async (r, origin) => {
      const call = ROUTES(w)[r]!;
      await expectError(await w.h.send({ ...call, origin, token: w.fresh }), 'CROSS_SITE_REQUEST');
    },
  );

  it.each(STATE_CHANGING)('%s with a foreign Origin and a wrong Content-Type → 403 first', async (r) => {
    const call = ROUTES(w)[r]!;
    const res = await w.h.send({ ...call, body: undefined, raw: '{}', origin: EVIL, token: w.fresh });
    await expectError(res, 'CROSS_SITE_REQUEST');
  });

  it.each(STATE_CHANGING)('%s with a foreign Origin, invalid JSON and no session → 403 first', async (r) => {
    const call = ROUTES(w)[r]!;
    const headers = { 'content-type': 'application/json' };
    await expectError(
      await w.h.send({ ...call, body: undefined, raw: '{', headers, origin: EVIL }),
      'CROSS_SITE_REQUEST',
    );
  });

  it('without an Origin header (a native app, a server) the request is allowed', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const start = await h.send({ path: `${BASE}/register/options`, body: {}, token, origin: false });
    expect(start.status).toBe(200);
    const login = await h.send({ path: `${BASE}/login/options`, body: {}, origin: false });
    expect(login.status).toBe(200);
    const { passkey } = await registerOverHttp(h, authenticator(), token);
    const rename = { method: 'PATCH', path: `${BASE}/${passkey.id}`, body: { name: 'n' }, token };
    expect((await h.send({ ...rename, origin: false })).status).toBe(200);
    const remove = { method: 'DELETE', path: `${BASE}/${passkey.id}`, body: { confirm: true }, token };
    expect((await h.send({ ...remove, origin: false })).status).toBe(200);
  });
});

describe('4. Content-Type when a body is present → 415 UNSUPPORTED_MEDIA_TYPE', () => {
  const types = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json-patch+json',
    'text/json',
  ];
  it.each(WITH_BODY.flatMap((r) => types.map((t) => [r, t])))('%s with %s → 415', async (r, type) => {
    const call = ROUTES(w)[r]!;
    const res = await w.h.send({ ...call, headers: { 'content-type': type }, token: w.fresh });
    await expectError(res, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(WITH_BODY)('%s with a body and no Content-Type header → 415', async (r) => {
    const call = ROUTES(w)[r]!;
    const bytes = new TextEncoder().encode(JSON.stringify(call.body));
    await expectError(
      await w.h.send({ ...call, body: undefined, raw: bytes, token: w.fresh }),
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it.each(WITH_BODY)(
    '%s with a wrong Content-Type, a body over the limit and no session → 415 first',
    async (r) => {
      const call = ROUTES(w)[r]!;
      const raw = `[${'1,'.repeat(MAX)}1]`;
      const res = await w.h.send({
        ...call,
        body: undefined,
        raw,
        headers: { 'content-type': 'text/plain' },
      });
      await expectError(res, 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/json;charset=UTF-8',
  ])('accepts %s', async (type) => {
    const res = await w.h.send({
      path: `${BASE}/login/options`,
      body: {},
      headers: { 'content-type': type },
    });
    expect(res.status).toBe(200);
  });

  it('a request without a body needs no Content-Type', async () => {
    const res = await w.h.send({ method: 'DELETE', path: `${BASE}/${w.own}`, token: w.fresh });
    await expectError(res, 'CONFIRMATION_REQUIRED');
  });

  // Next.js and other Fetch runtimes give every POST and DELETE a body stream, even an empty one
  // with neither Content-Length nor Content-Type: the answer must be the one a bodyless request
  // gets through the Node adapter, not 415.
  const emptyStream = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const streamOf = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array());
        c.enqueue(new TextEncoder().encode(text));
        c.close();
      },
    });

  it('an empty body stream without Content-Type is no body: POST login/options → 200', async () => {
    const res = await w.h.send({ method: 'POST', path: `${BASE}/login/options`, raw: emptyStream() });
    expect(res.status).toBe(200);
  });

  it('an empty body stream without Content-Type is no body: DELETE → CONFIRMATION_REQUIRED', async () => {
    const res = await w.h.send({
      method: 'DELETE',
      path: `${BASE}/${w.own}`,
      raw: emptyStream(),
      token: w.fresh,
    });
    await expectError(res, 'CONFIRMATION_REQUIRED');
  });

  it('a body stream whose bytes come after an empty chunk, without Content-Type → 415', async () => {
    const res = await w.h.send({ method: 'POST', path: `${BASE}/login/options`, raw: streamOf('{}') });
    await expectError(res, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('5. size → 413 BODY_TOO_LARGE', () => {
  const padded = (bytes: number) => {
    const head = '{"pad":"';
    return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
  };
  const stream = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
        controller.close();
      },
    });
  };
  const json = { 'content-type': 'application/json' };

  it.each(WITH_BODY)('%s: Content-Length over maxBodyBytes → 413', async (r) => {
    const call = ROUTES(w)[r]!;
    const raw = padded(MAX + 1);
    await expectError(
      await w.h.send({
        ...call,
        body: undefined,
        raw,
        headers: { ...json, 'content-length': String(raw.length) },
        token: w.fresh,
      }),
      'BODY_TOO_LARGE',
    );
  });

  it.each(WITH_BODY)('%s: a streamed body without Content-Length that exceeds it → 413', async (r) => {
    const call = ROUTES(w)[r]!;
    const res = await w.h.send({
      ...call,
      body: undefined,
      raw: stream(padded(MAX + 1)),
      headers: json,
      token: w.fresh,
    });
    await expectError(res, 'BODY_TOO_LARGE');
  });

  it('a stream longer than its Content-Length claims → 413', async () => {
    const headers = { ...json, 'content-length': '10' };
    const res = await w.h.send({ path: `${BASE}/login/options`, raw: stream(padded(MAX * 3)), headers });
    await expectError(res, 'BODY_TOO_LARGE');
  });

  it('a body of exactly maxBodyBytes is read (streamed or not)', async () => {
    const raw = padded(MAX);
    expect(new TextEncoder().encode(raw).length).toBe(MAX);
    const res = await w.h.send({ path: `${BASE}/login/options`, raw, headers: json });
    expect(res.status).toBe(200);
    const streamed = await w.h.send({ path: `${BASE}/login/options`, raw: stream(raw), headers: json });
    expect(streamed.status).toBe(200);
  });

  it('the default limit is 64 KiB', async () => {
    const h = httpSetup();
    const under = await h.send({ path: `${BASE}/login/options`, raw: padded(64 * 1024), headers: json });
    expect(under.status).toBe(200);
    const over = await h.send({
      path: `${BASE}/login/options`,
      raw: stream(padded(64 * 1024 + 1)),
      headers: json,
    });
    await expectError(over, 'BODY_TOO_LARGE');
  });

  it.each(WITH_BODY)('%s: too large, not JSON and no session → 413 first', async (r) => {
    const call = ROUTES(w)[r]!;
    const raw = `{${'x'.repeat(MAX * 2)}`;
    await expectError(
      await w.h.send({ ...call, body: undefined, raw: stream(raw), headers: json }),
      'BODY_TOO_LARGE',
    );
  });
});

describe('6. JSON shape → 400', () => {
  const json = { 'content-type': 'application/json' };
  const notObjects = ['{', 'not json', '[]', '[{}]', '"text"', '42', 'null', 'true', '{"a":1}{}'];

  it.each(WITH_BODY.flatMap((r) => notObjects.map((raw) => [r, raw])))(
    '%s with body %s → 400',
    async (r, raw) => {
      const call = ROUTES(w)[r]!;
      await expectError(
        await w.h.send({ ...call, body: undefined, raw, headers: json, token: w.fresh }),
        'INVALID_REQUEST',
      );
    },
  );

  it.each(WITH_BODY)('%s with invalid UTF-8 → 400', async (r) => {
    const call = ROUTES(w)[r]!;
    const raw = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    await expectError(
      await w.h.send({ ...call, body: undefined, raw, headers: json, token: w.fresh }),
      'INVALID_REQUEST',
    );
  });

  const badFields = (x: World): [string, Call, string][] => [
    [
      'register/options',
      { path: `${BASE}/register/options`, body: { authenticator: 'phone' } },
      'INVALID_REQUEST',
    ],
    ['register/options', { path: `${BASE}/register/options`, body: { authenticator: 1 } }, 'INVALID_REQUEST'],
    [
      'register/options',
      { path: `${BASE}/register/options`, body: { mediation: 'silent' } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { response: x.registration } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { ceremonyId: 42, response: x.registration } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { ceremonyId: 'short', response: x.registration } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      {
        path: `${BASE}/register/verify`,
        body: { ceremonyId: `${UNKNOWN_CEREMONY}!`, response: x.registration },
      },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { ceremonyId: UNKNOWN_CEREMONY } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { ceremonyId: UNKNOWN_CEREMONY, response: 'x' } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      { path: `${BASE}/register/verify`, body: { ceremonyId: UNKNOWN_CEREMONY, response: x.assertion } },
      'INVALID_REQUEST',
    ],
    [
      'register/verify',
      {
        path: `${BASE}/register/verify`,
        body: { ceremonyId: UNKNOWN_CEREMONY, response: x.registration, name: '' },
      },
      'INVALID_NAME',
    ],
    [
      'register/verify',
      {
        path: `${BASE}/register/verify`,
        body: { ceremonyId: UNKNOWN_CEREMONY, response: x.registration, name: 'a\u202Eb' },
      },
      'INVALID_NAME',
    ],
    ['login/options', { path: `${BASE}/login/options`, body: { username: 5 } }, 'INVALID_REQUEST'],
    ['login/options', { path: `${BASE}/login/options`, body: { username: '   ' } }, 'INVALID_REQUEST'],
    [
      'login/options',
      { path: `${BASE}/login/options`, body: { username: 'x'.repeat(257) } },
      'INVALID_REQUEST',
    ],
    [
      'login/options',
      { path: `${BASE}/login/options`, body: { mediation: 'conditional', username: alice.name } },
      'INVALID_REQUEST',
    ],
    [
      'login/verify',
      { path: `${BASE}/login/verify`, body: { ceremonyId: [], response: x.assertion } },
      'INVALID_REQUEST',
    ],
    [
      'login/verify',
      { path: `${BASE}/login/verify`, body: { ceremonyId: UNKNOWN_CEREMONY, response: x.registration } },
      'INVALID_REQUEST',
    ],
    [
      'login/verify',
      {
        path: `${BASE}/login/verify`,
        body: { ceremonyId: UNKNOWN_CEREMONY, response: { ...(x.assertion as object), rawId: 'x' } },
      },
      'INVALID_REQUEST',
    ],
    [
      'step-up/options',
      { path: `${BASE}/step-up/options`, body: { action: 5, details: {} } },
      'INVALID_REQUEST',
    ],
    [
      'step-up/options',
      { path: `${BASE}/step-up/options`, body: { action: '', details: {} } },
      'INVALID_REQUEST',
    ],
    [
      'step-up/options',
      { path: `${BASE}/step-up/options`, body: { action: 'p2p.release', details: [] } },
      'INVALID_REQUEST',
    ],
    [
      'step-up/options',
      { path: `${BASE}/step-up/options`, body: { action: 'p2p.release' } },
      'INVALID_REQUEST',
    ],
    [
      'step-up/verify',
      { path: `${BASE}/step-up/verify`, body: { ceremonyId: null, response: x.assertion } },
      'INVALID_REQUEST',
    ],
    [
      'step-up/verify',
      { path: `${BASE}/step-up/verify`, body: { ceremonyId: UNKNOWN_CEREMONY, response: null } },
      'INVALID_REQUEST',
    ],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: {} }, 'INVALID_REQUEST'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: 5 } }, 'INVALID_REQUEST'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: '' } }, 'INVALID_NAME'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: '   ' } }, 'INVALID_NAME'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: 'x'.repeat(65) } }, 'INVALID_NAME'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: 'a\u0000b' } }, 'INVALID_NAME'],
    ['rename', { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: 'a\u200Bb' } }, 'INVALID_NAME'],
    [
      'rename',
      { method: 'PATCH', path: `${BASE}/${x.own}`, body: { name: 'evil\u202Egnp.exe' } },
      'INVALID_NAME',
    ],
    ['remove', { method: 'DELETE', path: `${BASE}/${x.own}`, body: { confirm: 'true' } }, 'INVALID_REQUEST'],
    ['remove', { method: 'DELETE', path: `${BASE}/${x.own}`, body: { confirm: 1 } }, 'INVALID_REQUEST'],
  ];

  it('wrong field types, malformed ceremony IDs and invalid names → 400 with the right code', async () => {
    for (const [route, call, code] of badFields(w)) {
      const res = await w.h.send({ ...call, token: w.fresh });
      await expectError(res, code).catch((err) => {
        throw new Error(`${route} ${JSON.stringify(call.body)?.slice(0, 80)}: ${err.message}`);
      });
    }
  });

  it('the same bad bodies without a session → still 400 (shape before session)', async () => {
    for (const [route, call, code] of badFields(w)) {
      await expectError(await w.h.send(call), code).catch((err) => {
        throw new Error(`${route}: ${err.message}`);
      });
    }
  });

  const malformedIds = ['not!base64', 'a%20b', 'abcde', '%2F%2F', 'x'.repeat(1400), 'a.b', '%F0%9F%94%91'];
  const idRoutes = (id: string): Call[] => [
    { method: 'GET', path: `${BASE}/${id}/removal-impact` },
    { method: 'PATCH', path: `${BASE}/${id}`, body: { name: 'n' } },
    { method: 'DELETE', path: `${BASE}/${id}`, body: { confirm: true } },
  ];
  it.each(malformedIds.flatMap((id) => idRoutes(id).map((c) => [c.method, id, c] as const)))(
    '%s with the malformed :id %s → 400, with or without a session',
    async (_, __, call) => {
      await expectError(await w.h.send({ ...call, token: w.fresh }), 'INVALID_REQUEST');
      await expectError(await w.h.send(call), 'INVALID_REQUEST');
    },
  );

  // An :id that is not valid percent-encoding is still a request to {base}/:id: a 400, not "not ours".
  it('an :id that is invalid percent-encoding → 400, not null', async () => {
    const res = await w.h.handle(toRequest({ path: `${BASE}/%E0%A4%A/removal-impact`, token: w.fresh }));
    expect(res).not.toBeNull();
    await expectError(res!, 'INVALID_REQUEST');
  });
});

describe('7. session → 401 NOT_SIGNED_IN', () => {
  it.each(SESSION_ROUTES)('%s without a session, or with an unknown one → 401', async (r) => {
    const call = ROUTES(w)[r]!;
    await expectError(await w.h.send(call), 'NOT_SIGNED_IN');
    await expectError(await w.h.send({ ...call, token: 'forged' }), 'NOT_SIGNED_IN');
  });

  it.each(['login/options', 'login/verify'])('%s needs no session', async (r) => {
    const res = await w.h.send(ROUTES(w)[r]!);
    expect(res.status).not.toBe(401);
  });

  it.each([
    ['rename', 'PATCH', { name: 'x' }],
    ['remove', 'DELETE', { confirm: true }],
    ['remove without confirm', 'DELETE', {}],
  ])('%s of another user’s passkey without a session → 401, not 404', async (_, method, body) => {
    await expectError(await w.h.send({ method, path: `${BASE}/${w.bobs}`, body }), 'NOT_SIGNED_IN');
  });

  it('removal-impact of an unknown id without a session → 401', async () => {
    await expectError(await w.h.send({ path: `${BASE}/${UNKNOWN_ID}/removal-impact` }), 'NOT_SIGNED_IN');
  });
});

describe('8. ownership → 404 CREDENTIAL_NOT_FOUND, never telling another user’s passkey from an unknown one', () => {
  const calls = (id: string): [string, Call][] => [
    ['removal-impact', { method: 'GET', path: `${BASE}/${id}/removal-impact` }],
    ['rename', { method: 'PATCH', path: `${BASE}/${id}`, body: { name: 'mine now' } }],
    ['remove', { method: 'DELETE', path: `${BASE}/${id}`, body: { confirm: true } }],
    ['remove without confirm', { method: 'DELETE', path: `${BASE}/${id}`, body: {} }],
  ];

  it.each(calls('ID').map(([n], i) => [n, i]))(
    '%s: bob’s passkey and an unknown id give byte-identical 404s',
    async (_, i) => {
      const [, others] = calls(w.bobs)[i as number]!;
      const [, unknown] = calls(UNKNOWN_ID)[i as number]!;
      const a = await w.h.send({ ...others, token: w.fresh });
      const b = await w.h.send({ ...unknown, token: w.fresh });
      expect(a.status).toBe(404);
      expect([...a.headers]).toEqual([...b.headers]);
      const [textA, textB] = [await a.clone().text(), await b.clone().text()];
      expect(textA).toBe(textB);
      await expectError(a, 'CREDENTIAL_NOT_FOUND');
    },
  );

  it('another user’s passkey without confirmation and with a stale session → 404 first; nothing changes', async () => {
    const res = await w.h.send({ method: 'DELETE', path: `${BASE}/${w.bobs}`, body: {}, token: w.stale });
    await expectError(res, 'CREDENTIAL_NOT_FOUND');
    const bobs = await w.h.server.list(bob.id);
    expect(bobs.passkeys.map((p) => [p.id, p.name])).toEqual([[w.bobs, 'This device']]);
  });
});

describe('9. confirmation → 409 CONFIRMATION_REQUIRED', () => {
  it('own passkey, no confirmation, stale session → 409 (before freshness) with the impact', async () => {
    const res = await w.h.send({
      method: 'DELETE',
      path: `${BASE}/${w.own}`,
      body: { confirm: false },
      token: w.stale,
    });
    const error = await expectError(res, 'CONFIRMATION_REQUIRED');
    expect(error.details).toEqual({ remaining: 0, lastPasskey: true, lowersSecurity: true });
  });
});

describe('10. freshness → 403 STEP_UP_REQUIRED', () => {
  it('DELETE with confirmation and a stale session → 403; the passkey stays', async () => {
    const res = await w.h.send({
      method: 'DELETE',
      path: `${BASE}/${w.own}`,
      body: { confirm: true },
      token: w.stale,
    });
    await expectError(res, 'STEP_UP_REQUIRED');
    expect((await w.h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it.each([
    ['an hour ago', 60 * 60],
    ['301 s ago', 301],
    ['never (null)', null],
  ])('register/options with lastVerifiedAt %s → 403', async (_, ago) => {
    const token = w.h.signIn(alice, ago === null ? null : new Date(w.h.clock.now.getTime() - ago * 1000));
    await expectError(
      await w.h.send({ path: `${BASE}/register/options`, body: {}, token }),
      'STEP_UP_REQUIRED',
    );
  });

  it('register/options verified exactly 300 s ago is still fresh', async () => {
    const token = w.h.signIn(alice, new Date(w.h.clock.now.getTime() - 300_000));
    expect((await w.h.send({ path: `${BASE}/register/options`, body: {}, token })).status).toBe(200);
  });

  it('register/options with a stale session and a bad body → 400 first; without a session → 401 first', async () => {
    const bad = { path: `${BASE}/register/options`, body: { mediation: 1 } };
    await expectError(await w.h.send({ ...bad, token: w.stale }), 'INVALID_REQUEST');
    await expectError(await w.h.send({ path: `${BASE}/register/options`, body: {} }), 'NOT_SIGNED_IN');
  });

  it('rename and removal-impact do not need a fresh verification', async () => {
    const rename = await w.h.send({
      method: 'PATCH',
      path: `${BASE}/${w.own}`,
      body: { name: 'Still mine' },
      token: w.stale,
    });
    expect(rename.status).toBe(200);
    const impact = await w.h.send({ path: `${BASE}/${w.own}/removal-impact`, token: w.stale });
    expect(impact.status).toBe(200);
  });
});

describe('a well-formed ceremonyId that matches nothing → 410 CEREMONY_NOT_FOUND, never 400', () => {
  it.each(['register/verify', 'login/verify', 'step-up/verify'])('%s', async (r) => {
    const res = await w.h.send({ ...ROUTES(w)[r]!, token: w.fresh });
    await expectError(res, 'CEREMONY_NOT_FOUND');
  });

  it('a ceremony of another kind → 410 (a sign-in ceremony sent to step-up/verify)', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const auth = authenticator();
    await registerOverHttp(h, auth, token);
    const start = await h.send({ path: `${BASE}/login/options`, body: {} });
    const { ceremonyId, options } = (await start.json()) as { ceremonyId: string; options: never };
    const response = await auth.get(options, { origin: ORIGIN });
    const res = await h.send({ path: `${BASE}/step-up/verify`, body: { ceremonyId, response }, token });
    await expectError(res, 'CEREMONY_NOT_FOUND');
  });

  it('an expired ceremony → 410', async () => {
    const h = httpSetup();
    const auth = authenticator();
    await registerOverHttp(h, auth, h.signIn(alice));
    const start = await h.send({ path: `${BASE}/login/options`, body: {} });
    const { ceremonyId, options } = (await start.json()) as { ceremonyId: string; options: never };
    const response = await auth.get(options, { origin: ORIGIN });
    h.advance(301);
    await expectError(
      await h.send({ path: `${BASE}/login/verify`, body: { ceremonyId, response } }),
      'CEREMONY_NOT_FOUND',
    );
  });
});
