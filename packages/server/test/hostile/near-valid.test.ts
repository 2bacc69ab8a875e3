/**
 * Near-valid bodies on every route that reads one: a body the route accepts, then one field
 * replaced by a hostile value, dropped, repeated with another value, or joined by an extra key
 * (prototype pollution included). Verify routes get a live ceremony and its real response each
 * run, so the spoiled field is the only thing wrong. See check.ts for what must hold.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { alice, ORIGIN, STEP_UP, toRequest } from '../http-helpers';
import { runs, sendChecked, useWorld } from './check';
import { BODY_ROUTES, type Route } from './routes';
import { POLLUTING_KEYS, rawValue } from './values';
import { TOKENS, tokenOf, type World } from './world';

let w: World;
useWorld('near-valid', (world) => {
  w = world;
});

let users = 0;
/** A body the route accepts now, and the session to send it with. */
async function validBody(route: Route): Promise<{ body: Record<string, unknown>; token: string }> {
  if (route.name === 'login/verify') {
    const { ceremonyId, options } = await w.h.server.startAuthentication();
    return { body: { ceremonyId, response: await w.auth.get(options, { origin: ORIGIN }) }, token: w.fresh };
  }
  if (route.name === 'step-up/verify') {
    const { ceremonyId, options } = await w.h.server.startStepUp({ userId: alice.id, ...STEP_UP });
    return { body: { ceremonyId, response: await w.auth.get(options, { origin: ORIGIN }) }, token: w.fresh };
  }
  if (route.name === 'register/verify') {
    // One user per run: an unspoiled response registers, and no user reaches the limit.
    const user = { id: `near-${++users}`, name: `near${users}@example.com`, displayName: 'N' };
    const token = w.h.signIn(user);
    const { ceremonyId, options } = await w.h.server.startRegistration({
      user,
      lastVerifiedAt: w.h.clock.now,
    });
    const response = await w.auth.create(options, { origin: ORIGIN });
    return { body: { ceremonyId, response, name: 'Laptop' }, token };
  }
  return { body: route.valid(w), token: w.fresh };
}

/** Where a field may be spoiled: the body's keys and, for verify routes, the response's. */
const paths = (route: Route): string[][] => [
  ...route.keys.map((k) => [k]),
  ...(route.name.endsWith('/verify')
    ? ['id', 'rawId', 'type', 'authenticatorAttachment', 'clientExtensionResults', 'response'].map((k) => [
        'response',
        k,
      ])
    : []),
  ...(route.name.endsWith('/verify')
    ? [
        'clientDataJSON',
        'authenticatorData',
        'signature',
        'userHandle',
        'attestationObject',
        'transports',
      ].map((k) => ['response', 'response', k])
    : []),
  ...(route.name === 'step-up/options'
    ? [
        ['details', 'orderId'],
        ['details', 'amount'],
      ]
    : []),
];

const MARK = '\u0001spoiled\u0001';
type Spoil =
  | { kind: 'replace' | 'duplicate'; raw: string }
  | { kind: 'drop' }
  | { kind: 'extra'; key: string; raw: string };
const spoil = (): fc.Arbitrary<Spoil> =>
  fc.oneof(
    { weight: 5, arbitrary: rawValue().map((raw) => ({ kind: 'replace' as const, raw })) },
    { weight: 1, arbitrary: rawValue().map((raw) => ({ kind: 'duplicate' as const, raw })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 8 })), rawValue())
        .map(([key, raw]) => ({ kind: 'extra' as const, key, raw })),
    },
  );

/** The body as JSON text with the field at `at` spoiled (text, so raw JSON such as 1e999 survives). */
function spoiled(body: Record<string, unknown>, at: string[], how: Spoil): string {
  const copy = structuredClone(body);
  let parent = copy as Record<string, unknown>;
  for (const key of at.slice(0, -1)) {
    const next = parent[key];
    if (typeof next !== 'object' || next === null) return JSON.stringify(copy);
    parent = next as Record<string, unknown>;
  }
  const key = at.at(-1) as string;
  if (how.kind === 'drop') delete parent[key];
  else if (how.kind === 'replace') parent[key] = MARK;
  else if (how.kind === 'extra') parent[MARK] = 0;
  const text = JSON.stringify(copy);
  if (how.kind === 'replace') return text.replace(JSON.stringify(MARK), how.raw);
  if (how.kind === 'extra')
    return text.replace(`${JSON.stringify(MARK)}:0`, `${JSON.stringify(how.key)}:${how.raw}`);
  if (how.kind === 'duplicate' && at.length === 1)
    return `${text.slice(0, -1)},${JSON.stringify(key)}:${how.raw}}`;
  return text;
}

const named = (text: string): unknown => {
  try {
    return JSON.parse(text)?.ceremonyId;
  } catch {
    return undefined;
  }
};

describe('near-valid bodies: one field spoiled', () => {
  it.each(BODY_ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))('%s', async (_, route) => {
    const ok = route.name === 'register/verify' ? [201] : [200];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths(route)),
        spoil(),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant('own' as const) },
          { weight: 1, arbitrary: fc.constantFrom(...TOKENS) },
        ),
        async (at, how, t) => {
          const { body, token } = await validBody(route);
          const raw = spoiled(body, at, how);
          const request = toRequest({
            method: route.method,
            path: route.path(w),
            raw,
            headers: { 'content-type': 'application/json' },
            token: t === 'own' ? token : tokenOf(w, t),
          });
          await sendChecked(w, route, request, { ok, named: named(raw) });
        },
      ),
      { numRuns: runs(100) },
    );
  });
});
