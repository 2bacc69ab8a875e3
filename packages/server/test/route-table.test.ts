import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES, type RouteName } from '../src/index';
import { BASE, expectError, httpSetup } from './http-helpers';

const pathOf = (name: RouteName) => {
  const p = ROUTES[name].path.replace(':id', 'AAAAAAAAAAAAAAAAAAAAAA');
  return p === '' ? BASE : `${BASE}/${p}`;
};
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];

describe('the route table drives the handler', () => {
  it('lists the protocol’s ten routes; only sign-in asks nothing of the session', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(
      [
        'list',
        'login/options',
        'login/verify',
        'register/options',
        'register/verify',
        'removal-impact',
        'remove',
        'rename',
        'step-up/options',
        'step-up/verify',
      ].sort(),
    );
    const open = (Object.keys(ROUTES) as RouteName[]).filter((n) => ROUTES[n].session === 'none');
    expect(open.sort()).toEqual(['login/options', 'login/verify']);
  });

  it.each(Object.keys(ROUTES) as RouteName[])(
    '%s: other methods are 405 with the path’s methods in Allow',
    async (name) => {
      const h = httpSetup();
      const allowed = (Object.keys(ROUTES) as RouteName[])
        .filter((n) => ROUTES[n].path === ROUTES[name].path)
        .map((n) => ROUTES[n].method);
      for (const method of METHODS.filter((m) => !allowed.includes(m as never))) {
        const res = await h.send({
          method,
          path: pathOf(name),
          token: h.signIn({ id: 'u', name: 'u', displayName: 'u' }),
        });
        await expectError(res, 'METHOD_NOT_ALLOWED');
        expect(res.headers.get('allow')?.split(', ').sort()).toEqual([...allowed].sort());
      }
    },
  );

  it.each((Object.keys(ROUTES) as RouteName[]).filter((n) => ROUTES[n].session !== 'none'))(
    '%s: 401 without a session, once its body is well formed',
    async (name) => {
      const h = httpSetup();
      const bodies: Partial<Record<RouteName, unknown>> = {
        'step-up/options': { action: 'account.verify', details: {} },
        rename: { name: 'x' },
        remove: { confirm: true },
      };
      const { method } = ROUTES[name];
      const body = method === 'GET' ? undefined : (bodies[name] ?? {});
      const res = await h.send({ method, path: pathOf(name), ...(body === undefined ? {} : { body }) });
      if (name === 'register/verify' || name === 'step-up/verify') {
        // Their shape check (ceremonyId, response) comes first: 400 before 401.
        await expectError(res, 'INVALID_REQUEST');
      } else {
        await expectError(res, 'NOT_SIGNED_IN');
      }
    },
  );
});

describe('one way to say each refusal', () => {
  const src = path.join(import.meta.dirname, '../src');
  const files = (readdirSync(src, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );

  it('builds every PasskeyError in errors/refusals.ts, and throws no plain Error', () => {
    for (const file of files) {
      const text = readFileSync(path.join(src, file), 'utf8');
      if (file !== path.join('errors', 'refusals.ts')) expect(text, file).not.toMatch(/new PasskeyError\(/);
      expect(text, file).not.toMatch(/new Error\(/);
    }
  });
});
