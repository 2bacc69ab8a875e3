import { describe, expect, it } from 'vitest';
import { createMemoryRateLimit, createPasskeyHandler } from '../src/index';
import { ORIGIN, setup } from './helpers';

function harness(now: { t: number }) {
  const s = setup();
  const rateLimit = createMemoryRateLimit({
    limit: 3,
    windowSeconds: 60,
    key: (req) => req.headers.get('x-client-ip'),
    now: () => now.t,
  });
  const handle = createPasskeyHandler(s.server, { getSession: () => null, rateLimit });
  return (ip: string | null, path = 'login/options') => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (ip) headers['x-client-ip'] = ip;
    return handle(
      new Request(`${ORIGIN}/passkeys/${path}`, { method: 'POST', headers, body: '{}' }),
    ) as Promise<Response>;
  };
}

describe('rate limits', () => {
  it('refuses the request past the limit with 429 RATE_LIMITED and Retry-After, per client and window', async () => {
    const now = { t: 1_200_000 }; // windows start at multiples of their length
    const post = harness(now);
    for (let i = 0; i < 3; i++) expect((await post('203.0.113.7')).status).toBe(200);
    now.t += 15_000;
    const refused = await post('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String), details: { retryAfterSeconds: 45 } },
    });
    expect((await post('198.51.100.1')).status).toBe(200);
    expect((await post(null)).status).toBe(200);
    now.t += 45_000;
    expect((await post('203.0.113.7')).status).toBe(200);
  });

  it('counts only the routes it is given, each on its own', async () => {
    const post = harness({ t: 0 });
    for (let i = 0; i < 3; i++) await post('192.0.2.1');
    expect((await post('192.0.2.1')).status).toBe(429);
    expect((await post('192.0.2.1', 'login/verify')).status).toBe(400);
    expect((await post('192.0.2.1', 'register/options')).status).toBe(401);
  });

  it('bounds its memory: past maxKeys, keys not yet seen wait for the next window', async () => {
    const now = { t: 0 };
    const limit = createMemoryRateLimit({
      limit: 5,
      windowSeconds: 60,
      maxKeys: 3,
      key: (r) => r.headers.get('x-client-ip'),
      now: () => now.t,
    });
    const req = (ip: string) =>
      new Request(`${ORIGIN}/passkeys/login/options`, { method: 'POST', headers: { 'x-client-ip': ip } });
    for (const ip of ['a', 'b', 'c']) expect(await limit(req(ip), 'login/options')).toBeNull();
    expect(await limit(req('d'), 'login/options')).toEqual({ retryAfterSeconds: 60 });
    expect(await limit(req('a'), 'login/options')).toBeNull();
    now.t = -5_000; // the clock stepped back: a fresh window, never a retry longer than one
    expect(await limit(req('d'), 'login/options')).toBeNull();
  });

  it('refuses a bad configuration at once', () => {
    expect(() =>
      createMemoryRateLimit({ limit: 1, windowSeconds: Number.POSITIVE_INFINITY, key: () => 'x' }),
    ).toThrow(TypeError);
    expect(() => createMemoryRateLimit({ limit: 1, windowSeconds: 60, maxKeys: 0, key: () => 'x' })).toThrow(
      TypeError,
    );
    expect(() => createMemoryRateLimit({ limit: 0, windowSeconds: 60, key: () => 'x' })).toThrow(TypeError);
    expect(() => createMemoryRateLimit({ limit: 1, windowSeconds: 0, key: () => 'x' })).toThrow(TypeError);
  });
});
