/**
 * Hostile requests around the body: any method on every route, any Origin on every route, and
 * paths in odd encodings below the base path (the handler answers, or returns null for a path
 * that is not its own). See check.ts for what must hold besides the codes asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANDROID_ORIGIN, BASE, ORIGIN, toRequest } from '../http-helpers';
import { runs, sendChecked, useWorld } from './check';
import { ROUTES, type Route } from './routes';
import { headerText } from './values';
import { TOKENS, type TokenName, tokenOf, type World } from './world';

let w: World;
useWorld('request-line', (world) => {
  w = world;
});

const decodeURIComponentOr = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
const each = ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const);
const bodyFor = (route: Route, method: string) =>
  ['GET', 'HEAD'].includes(method) ? undefined : route.valid(w);

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'patch',
  'delete',
  'post',
  'PROPFIND',
  'M-SEARCH',
];
/** What Fetch makes of a method name (it upper-cases the standard ones, except PATCH). */
const normalized = (method: string) => new Request('https://example.com', { method }).method;

const ORIGINS = [
  ORIGIN,
  ANDROID_ORIGIN,
  'null',
  '',
  'https://evil.example',
  'https://example.com.evil.example',
  'https://sub.example.com',
  'https://EXAMPLE.com',
  'https://example.com:443',
  'https://example.com/',
  'http://example.com',
  ` ${ORIGIN}\t`,
  `${ORIGIN}, https://evil.example`,
];

describe('hostile request lines and headers on every route', () => {
  it.each(each)('%s: any method', async (_, route) => {
    const allowed = route.name === 'rename' || route.name === 'remove' ? ['PATCH', 'DELETE'] : [route.method];
    // PATCH and DELETE share a path: the other one of the two is the other route's test.
    const sibling = { rename: 'DELETE', remove: 'PATCH' }[route.name as 'rename' | 'remove'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,11}$/)),
        fc.constantFrom(...TOKENS),
        async (method, t) => {
          fc.pre(!['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase()));
          const m = normalized(method);
          fc.pre(m !== sibling);
          const request = toRequest({
            method,
            path: route.path(w),
            body: bodyFor(route, m),
            token: tokenOf(w, t),
          });
          const answer = await sendChecked(w, route, request);
          if (!allowed.includes(m)) expect(answer?.code).toBe('METHOD_NOT_ALLOWED');
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it.each(each)('%s: any Origin', async (_, route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...ORIGINS), headerText(60)),
        fc.constantFrom(...TOKENS),
        async (origin, t) => {
          const body = bodyFor(route, route.method);
          const request = toRequest({
            method: route.method,
            path: route.path(w),
            body,
            origin,
            token: tokenOf(w, t),
          });
          const answer = await sendChecked(w, route, request);
          // As the server reads it: Fetch trims the whitespace around a header value, as HTTP does.
          const sent = request.headers.get('origin');
          if (route.method !== 'GET' && sent !== ORIGIN) expect(answer?.code).toBe('CROSS_SITE_REQUEST');
        },
      ),
      { numRuns: runs(100) },
    );
  });

  const ID_ROUTES = ROUTES.filter((r) => ['removal-impact', 'rename', 'remove'].includes(r.name));
  it.each(ID_ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))(
    '%s: any :id, query string and cookies',
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc.constantFrom('%', '%zz', '%ED%A0%80', '..', '%2F'),
          ),
          fc.oneof(
            fc.constant(''),
            fc.webQueryParameters().map((q) => `?${q}`),
          ),
          fc.oneof(
            fc.constantFrom<TokenName>(...TOKENS).map((t) => tokenOf(w, t)),
            headerText(80).map((c) => c.replaceAll(';', '')),
          ),
          async (id, query, token) => {
            let segment: string;
            try {
              segment = encodeURIComponent(id);
            } catch {
              segment = id; // a lone surrogate: sent as the raw text, which the URL parser encodes
            }
            // Another passkey than the two a success may touch (check.ts restores only the victim).
            fc.pre(segment !== '' && ![w.own, w.victim].includes(decodeURIComponentOr(segment)));
            const tail = route.name === 'removal-impact' ? '/removal-impact' : '';
            const path = `${BASE}/${segment}${tail}${query}`;
            const request = toRequest({
              method: route.method,
              path,
              body: bodyFor(route, route.method),
              token,
            });
            await sendChecked(w, route, request, { mayBeUnhandled: true });
          },
        ),
        { numRuns: runs(100) },
      );
    },
  );

  const SEGMENTS = [
    'register',
    'options',
    'verify',
    'login',
    'step-up',
    'removal-impact',
    'OPTIONS',
    'Login',
    '',
    '.',
    '..',
    '%2e',
    '%2E%2E',
    '%2F',
    '%5C',
    '\\',
    '%',
    '%zz',
    '%C0%AF',
    '%00',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '%uD800',
    ';x',
    '+',
    '%20',
    'é',
    '😀',
    '?x=1',
    '#f',
    'a'.repeat(5000),
  ];
  /** A route that is none of the protocol's: a success may change nothing. */
  const odd: Route = {
    name: 'odd paths',
    method: 'GET',
    path: () => BASE,
    ok: [200],
    keys: [],
    valid: () => ({}),
  };

  it('paths in odd encodings below the base path: answered or left alone, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.webSegment(), fc.constant('OWN')), {
          maxLength: 5,
        }),
        fc.constantFrom('', '/', '//'),
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
        fc.constantFrom<'fresh' | undefined>('fresh', undefined),
        async (segments, tail, method, t) => {
          const path = `${BASE}/${segments.map((s) => (s === 'OWN' ? w.own : s)).join('/')}${tail}`;
          const request = toRequest({
            method,
            path,
            body: method === 'GET' ? undefined : {},
            token: tokenOf(w, t),
          });
          const pathname = new URL(request.url).pathname;
          // A path that is exactly a route's, for its method, is that route's to test.
          const route = ROUTES.find((r) => r.path(w) === pathname && r.method === method) ?? odd;
          await sendChecked(w, route, request, { mayBeUnhandled: true });
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
