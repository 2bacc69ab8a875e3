import { isPasskeyError } from '@acme/passkey-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs, sendChecked, useWorld } from './hostile/check';
import { BODY_ROUTES as ROUTES, type Route } from './hostile/routes';
import { type TokenName, tokenOf, type World } from './hostile/world';
import {
  alice,
  authenticator,
  BASE,
  DOCUMENTED_STATUS,
  ORIGIN,
  STEP_UP,
  toRequest,
  UNKNOWN_CEREMONY,
} from './http-helpers';

/**
 * Whatever a client sends, the handler answers with a response: a success, or a 4xx with the
 * protocol's error body and the status of its code (docs/design.md) — never a 500, never a
 * throw — and a refusal changes nothing (hostile/check.ts). The server's methods, given
 * anything, resolve or reject with a PasskeyError of a 4xx status. `pnpm fuzz` raises the runs
 * (PASSKEY_FUZZ_RUNS).
 */

const RUNS = runs(120);

// ---------------------------------------------------------------- encoding helpers

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const isB64 = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]*$/.test(v);

// ---------------------------------------------------------------- the world

let w: World;
useWorld('properties', (world) => {
  w = world;
});

// ---------------------------------------------------------------- routes and their fields

const token = () => fc.constantFrom<TokenName>(undefined, 'fresh', 'stale', 'bob', 'forged');

/** Values that are valid, or nearly, somewhere: they take the arbitraries past the first checks. */
const interesting = () =>
  fc.constantFrom<unknown>(
    'any',
    'this-device',
    'modal',
    'conditional',
    'p2p.release',
    STEP_UP.details,
    alice.name,
    UNKNOWN_CEREMONY,
    true,
    false,
    '',
    'public-key',
    'A',
    'AAAA',
  );
const anyValue = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue() },
    { weight: 2, arbitrary: interesting() },
    { weight: 1, arbitrary: fc.constant('registration') },
    { weight: 1, arbitrary: fc.constant('assertion') },
  );
/** Resolves the placeholders 'registration' and 'assertion' to the real responses. */
const resolve = (v: unknown) => (v === 'registration' ? w.registration : v === 'assertion' ? w.assertion : v);

/** Sends a JSON (or raw) body and checks the answer and the state (hostile/check.ts). */
const send = (route: Route, body: { json?: unknown; raw?: string }, t: TokenName, ok = route.ok) => {
  const request = toRequest({
    method: route.method,
    path: route.path(w),
    token: tokenOf(w, t),
    ...(body.raw === undefined
      ? { body: body.json }
      : { raw: body.raw, headers: { 'content-type': 'application/json' } }),
  });
  const named = (body.json as { ceremonyId?: unknown } | null)?.ceremonyId;
  return sendChecked(w, route, request, { ok, named });
};

describe('HTTP: arbitrary input to every POST/PATCH/DELETE route', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))('%s: any JSON body', async (_, route) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), token(), async (json, t) => {
        await send(route, { json }, t);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))(
    '%s: the right keys with arbitrary values',
    async (_, route) => {
      const body = fc.dictionary(fc.constantFrom(...route.keys), anyValue(), { maxKeys: route.keys.length });
      await fc.assert(
        fc.asyncProperty(body, token(), async (fields, t) => {
          const json = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, resolve(v)]));
          await send(route, { json }, t);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))(
    '%s: any text as the body',
    async (_, route) => {
      const raw = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json());
      await fc.assert(
        fc.asyncProperty(raw, token(), async (text, t) => {
          await send(route, { raw: text }, t);
        }),
        { numRuns: RUNS },
      );
    },
  );

  const verifyRoutes = ROUTES.filter((r) => r.name.endsWith('/verify'));
  const str = () =>
    fc.oneof(
      fc.string(),
      fc.base64String().map((s) => s.replace(/=+$/, '')),
      fc.constant(''),
    );
  const responseOfStrings = fc.record(
    {
      id: str(),
      rawId: str(),
      type: fc.oneof(fc.constant('public-key'), fc.string()),
      authenticatorAttachment: fc.oneof(fc.constantFrom('platform', 'cross-platform'), fc.string()),
      clientExtensionResults: fc.oneof(fc.constant({}), fc.jsonValue()),
      response: fc.record(
        {
          clientDataJSON: str(),
          authenticatorData: str(),
          attestationObject: str(),
          signature: str(),
          userHandle: fc.oneof(str(), fc.constant(null)),
          transports: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it.each(verifyRoutes.map((r) => [r.name, r] as const))(
    '%s: arbitrary strings for ceremonyId and the response’s fields',
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string(), fc.constant(UNKNOWN_CEREMONY), fc.stringMatching(/^[A-Za-z0-9_-]{16,128}$/)),
          responseOfStrings,
          fc.boolean(),
          async (ceremonyId, response, sameRawId) => {
            const r = sameRawId && 'id' in response ? { ...response, rawId: response.id } : response;
            await send(route, { json: { ceremonyId, response: r } }, 'fresh', []);
          },
        ),
        { numRuns: RUNS },
      );
    },
  );
});

// ---------------------------------------------------------------- mutating real responses

const DELETE = Symbol('delete');
/** One way to spoil a field; `label` is what fast-check prints in a counterexample. */
interface Mutator {
  label: string;
  apply(original: unknown): unknown;
  toString(): string;
}
const m = (label: string, apply: (original: unknown) => unknown): Mutator => ({
  label,
  apply,
  toString: () => label,
});

/** Byte-level damage to a base64url field: the shape stays valid, the content does not. */
const byteMutator = (): fc.Arbitrary<Mutator> =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) =>
      m(`flip byte ${i} ^ ${x}`, (orig) => {
        if (!isB64(orig) || orig.length < 2) return orig;
        const bytes = unb64(orig);
        const at = i % bytes.length;
        bytes[at] = (bytes[at] as number) ^ x;
        return b64(bytes);
      }),
    ),
    fc
      .nat()
      .map((n) =>
        m(`truncate to ${n}`, (orig) =>
          isB64(orig) ? b64(unb64(orig).slice(0, n % unb64(orig).length)) : orig,
        ),
      ),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((tail) =>
        m(`append ${tail.length} bytes`, (orig) =>
          isB64(orig) ? b64(new Uint8Array([...unb64(orig), ...tail])) : orig,
        ),
      ),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => m(`= random ${bytes.length} bytes`, () => b64(bytes))),
  );

/** Mostly `arbitrary`, sometimes any JSON value. */
const mostly = (arbitrary: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.jsonValue() });

/** clientDataJSON with some of its fields replaced (mostly by strings, so it stays well-shaped). */
const clientDataMutator = (): fc.Arbitrary<Mutator> =>
  fc
    .record(
      {
        type: mostly(
          fc.oneof(fc.constantFrom('webauthn.get', 'webauthn.create', 'payment.get'), fc.string()),
        ),
        challenge: mostly(fc.oneof(fc.string(), fc.base64String())),
        origin: mostly(
          fc.oneof(
            fc.constantFrom(ORIGIN, 'https://evil.example', 'null', 'https://sub.example.com', `${ORIGIN}/`),
            fc.string(),
          ),
        ),
        crossOrigin: mostly(fc.boolean()),
        topOrigin: fc.oneof(fc.constant('https://evil.example'), fc.jsonValue()),
      },
      { requiredKeys: [] },
    )
    .map((over) =>
      m(`clientData + ${JSON.stringify(over)}`, (orig) => {
        if (!isB64(orig)) return orig;
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.from(orig, 'base64url').toString('utf8'));
        } catch {
          return orig;
        }
        return b64(new TextEncoder().encode(JSON.stringify({ ...(parsed as object), ...over })));
      }),
    );

/** Any damage to any field: replaced by arbitrary JSON or text, dropped, or byte-level. */
const mutator = (): fc.Arbitrary<Mutator> =>
  fc.oneof(
    fc.jsonValue().map((v) => m(`= ${JSON.stringify(v)}`, () => v)),
    fc.string().map((s) => m(`= ${JSON.stringify(s)}`, () => s)),
    fc.constant(m('delete', () => DELETE)),
    byteMutator(),
  );

const COMMON = [['id'], ['rawId'], ['type'], ['response'], ['response', 'clientDataJSON']];
const ASSERTION_FIELDS = [
  ...COMMON,
  ['response', 'authenticatorData'],
  ['response', 'signature'],
  ['response', 'userHandle'],
];
const REGISTRATION_FIELDS = [...COMMON, ['response', 'attestationObject']];

function mutate(response: unknown, edits: [string[], Mutator][]): unknown {
  const copy = structuredClone(response) as Record<string, unknown>;
  for (const [path, mutator] of edits) {
    let target = copy;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null) break;
      target = next as Record<string, unknown>;
    }
    const key = path[path.length - 1] as string;
    const value = mutator.apply(target[key]);
    if (value === DELETE) delete target[key];
    else target[key] = value;
  }
  return copy;
}

const BINARY = ['clientDataJSON', 'authenticatorData', 'signature', 'userHandle', 'attestationObject'];

/** One to three edits, most of them keeping the response well-shaped so the deeper checks run. */
const edits = (fields: string[][]) => {
  const binary = fields.filter((f) => f[0] === 'response' && BINARY.includes(f[1] as string));
  const edit = fc.oneof(
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...fields), mutator()) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...binary), byteMutator()) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constant<string[]>(['response', 'clientDataJSON']), clientDataMutator()),
    },
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 });
};

describe('HTTP: real responses with one to three fields spoiled, against live ceremonies', () => {
  let counter = 0;
  const shared = {
    none: authenticator(),
    packed: authenticator({ attestation: 'packed-self', algorithm: 'EdDSA' }),
    u2f: authenticator({ attestation: 'fido-u2f', attachment: 'cross-platform' }),
  };

  it('login/verify', async () => {
    await fc.assert(
      fc.asyncProperty(edits(ASSERTION_FIELDS), async (changes) => {
        const { ceremonyId, options } = await w.h.server.startAuthentication();
        const response = await w.auth.get(options, { origin: ORIGIN });
        const body = { ceremonyId, response: mutate(response, changes) };
        await send(ROUTES[3]!, { json: body }, undefined, [200]);
      }),
      { numRuns: runs(150) },
    );
  });

  it('step-up/verify', async () => {
    await fc.assert(
      fc.asyncProperty(edits(ASSERTION_FIELDS), async (changes) => {
        const { ceremonyId, options } = await w.h.server.startStepUp({ userId: alice.id, ...STEP_UP });
        const response = await w.auth.get(options, { origin: ORIGIN });
        const body = { ceremonyId, response: mutate(response, changes) };
        await send(ROUTES[5]!, { json: body }, 'fresh', [200]);
      }),
      { numRuns: runs(150) },
    );
  });

  it('register/verify (attestation none, packed EdDSA, fido-u2f)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(shared) as (keyof typeof shared)[])),
        edits(REGISTRATION_FIELDS),
        async (kind, changes) => {
          // One user per run: an unspoiled response registers, and no user reaches the limit.
          const user = { id: `prop-user-${++counter}`, name: `p${counter}@example.com`, displayName: 'P' };
          const t = w.h.signIn(user);
          const { ceremonyId, options } = await w.h.server.startRegistration({
            user,
            lastVerifiedAt: w.h.clock.now,
          });
          const response = await shared[kind].create(options, { origin: ORIGIN });
          const request = toRequest({
            path: `${BASE}/register/verify`,
            body: { ceremonyId, response: mutate(response, changes) },
            token: t,
          });
          await sendChecked(w, ROUTES[1]!, request, { ok: [201], named: ceremonyId });
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('deeply nested JSON in any field → 4xx, never a stack overflow 500', async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const headers = { 'content-type': 'application/json' };
    for (const route of ROUTES) {
      for (const key of [...route.keys, 'other']) {
        const raw = `{"${key}":${deep(10_000)}}`;
        const request = toRequest({
          method: route.method,
          path: route.path(w),
          raw,
          headers,
          token: w.fresh,
        });
        await sendChecked(w, route, request);
      }
    }
    const details = `{"action":"p2p.release","details":${deep(12_000)}}`;
    const request = toRequest({ path: `${BASE}/step-up/options`, raw: details, headers, token: w.fresh });
    await sendChecked(w, ROUTES[4]!, request, { ok: [] });
  });
});

// ---------------------------------------------------------------- server methods directly

/** Resolves, or rejects with a PasskeyError whose status is a 4xx (the one the error table gives its code). */
async function settlesAs4xx(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    if (!isPasskeyError(err)) throw new Error(`not a PasskeyError: ${String(err)}`, { cause: err });
    expect(err.status, err.code).toBe(DOCUMENTED_STATUS[err.code]);
    expect(err.status, err.code).toBeGreaterThanOrEqual(400);
    expect(err.status, err.code).toBeLessThan(500);
  }
}

describe('server methods: arbitrary input resolves or rejects with a 4xx PasskeyError', () => {
  const input = (keys: string[]) =>
    fc.oneof(
      fc.jsonValue(),
      fc
        .dictionary(fc.constantFrom(...keys), anyValue(), { maxKeys: keys.length })
        .map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, resolve(v)]))),
    );
  type Unchecked = never;
  const methods: [string, fc.Arbitrary<() => Promise<unknown>>][] = [
    [
      'finishRegistration',
      input(['ceremonyId', 'userId', 'response', 'name']).map(
        (i) => () => w.h.server.finishRegistration(i as Unchecked),
      ),
    ],
    [
      'finishAuthentication',
      input(['ceremonyId', 'response']).map((i) => () => w.h.server.finishAuthentication(i as Unchecked)),
    ],
    [
      'finishStepUp',
      input(['ceremonyId', 'userId', 'response']).map((i) => () => w.h.server.finishStepUp(i as Unchecked)),
    ],
    [
      'startStepUp',
      input(['userId', 'action', 'details']).map((i) => () => w.h.server.startStepUp(i as Unchecked)),
    ],
    [
      'startAuthentication',
      input(['userId', 'mediation', 'authenticator']).map(
        (i) => () => w.h.server.startAuthentication(i as Unchecked),
      ),
    ],
    [
      'startRegistration',
      input(['user', 'lastVerifiedAt', 'authenticator', 'mediation']).map(
        (i) => () => w.h.server.startRegistration(i as Unchecked),
      ),
    ],
    [
      'verifyReceipt',
      fc.tuple(fc.oneof(fc.string(), fc.jsonValue()), input(['userId', 'action', 'details'])).map(
        ([r, e]) =>
          () =>
            w.h.server.verifyReceipt(r as Unchecked, e as Unchecked),
      ),
    ],
    [
      'rename',
      fc
        .tuple(
          fc.oneof(fc.constant(alice.id), fc.jsonValue()),
          fc.oneof(fc.constant('OWN'), fc.jsonValue()),
          fc.jsonValue(),
        )
        .map(
          ([u, id, n]) =>
            () =>
              w.h.server.rename(u as Unchecked, (id === 'OWN' ? w.own : id) as Unchecked, n as Unchecked),
        ),
    ],
    ['list', fc.jsonValue().map((u) => () => w.h.server.list(u as Unchecked))],
    [
      'removalImpact',
      fc.tuple(fc.jsonValue(), fc.jsonValue()).map(
        ([u, id]) =>
          () =>
            w.h.server.removalImpact(u as Unchecked, id as Unchecked),
      ),
    ],
    [
      'remove',
      fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.jsonValue()).map(
        ([u, id, o]) =>
          () =>
            w.h.server.remove(u as Unchecked, id as Unchecked, o as Unchecked),
      ),
    ],
  ];

  it.each(methods)('%s', async (_, call) => {
    await fc.assert(
      fc.asyncProperty(call, async (run) => settlesAs4xx(run)),
      { numRuns: RUNS },
    );
  });

  it('verifyReceipt: a real receipt with arbitrary expectations, and spoiled receipts', async () => {
    const { ceremonyId, options } = await w.h.server.startStepUp({ userId: alice.id, ...STEP_UP });
    const response = await w.auth.get(options, { origin: ORIGIN });
    const { receipt } = await w.h.server.finishStepUp({ ceremonyId, userId: alice.id, response });
    const expected = { userId: alice.id, ...STEP_UP };
    await fc.assert(
      fc.asyncProperty(
        fc.record({ userId: anyValue(), action: anyValue(), details: anyValue() }, { requiredKeys: [] }),
        async (e) => {
          await settlesAs4xx(() => w.h.server.verifyReceipt(receipt, { ...expected, ...e } as never));
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), async (at, insert) => {
        const i = at % receipt.length;
        const spoiled = receipt.slice(0, i) + insert + receipt.slice(i + 1);
        await settlesAs4xx(() => w.h.server.verifyReceipt(spoiled, expected));
      }),
      { numRuns: RUNS },
    );
  });
});
