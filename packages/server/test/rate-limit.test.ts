import { describe, expect, it } from 'vitest';
import { bucketOf } from '../src/http/rate-limit';
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

  it('bounds its memory by forgetting the least recently seen key, never by locking newcomers out', async () => {
    const now = { t: 0 };
    const limit = createMemoryRateLimit({
      limit: 2,
      windowSeconds: 60,
      maxKeys: 3,
      key: (r) => r.headers.get('x-client-ip'),
      now: () => now.t,
    });
    const req = (ip: string) =>
      new Request(`${ORIGIN}/passkeys/login/options`, { method: 'POST', headers: { 'x-client-ip': ip } });
    const ask = (ip: string) => limit(req(ip), 'login/options');
    for (const ip of ['a', 'b', 'c']) expect(await ask(ip)).toBeNull();
    expect(await ask('a')).toBeNull(); // a: 2, now the most recent
    expect(await ask('a')).toEqual({ retryAfterSeconds: 60 }); // a: 3 > 2
    // A flood of new keys when full: each one is let in, evicting the least recently seen.
    for (let i = 0; i < 1_000; i++) expect(await ask(`flood-${i}`)).toBeNull();
    expect(await ask('newcomer')).toBeNull();
    now.t = -5_000; // the clock stepped back: a fresh window, never a retry longer than one
    expect(await ask('a')).toBeNull();
  });

  it('counts an IPv6 address by its /64, and an IPv4-mapped one as its IPv4 address', async () => {
    expect(bucketOf('2001:db8:1:2:aaaa::1')).toBe(bucketOf('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(bucketOf('[2001:db8:1:2::7]')).toBe('2001:db8:1:2::/64');
    expect(bucketOf('2001:db8:1:3::1')).not.toBe(bucketOf('2001:db8:1:2::1'));
    expect(bucketOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(bucketOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(bucketOf('192.0.2.1')).toBe('192.0.2.1');
    for (const notV6 of ['user:alice', '1:2:3', 'a::b::c', 'g::1', ':::'])
      expect(bucketOf(notV6)).toBe(notV6);
    const limit = createMemoryRateLimit({ limit: 3, windowSeconds: 60, key: (r) => r.headers.get('x-ip') });
    const ask = (ip: string) =>
      limit(
        new Request(`${ORIGIN}/passkeys/login/options`, { method: 'POST', headers: { 'x-ip': ip } }),
        'login/options',
      );
    // One host rotating through addresses of its /64 is one client.
    for (let i = 1; i <= 3; i++) expect(await ask(`2001:db8:5:6::${i}`)).toBeNull();
    expect(await ask('2001:db8:5:6::99')).not.toBeNull();
    expect(await ask('2001:db8:5:7::1')).toBeNull();
  });

  it('puts requests without a key in one shared bucket instead of exempting them', async () => {
    const limit = createMemoryRateLimit({ limit: 2, windowSeconds: 60, key: () => null });
    const req = () => new Request(`${ORIGIN}/passkeys/login/options`, { method: 'POST' });
    expect(await limit(req(), 'login/options')).toBeNull();
    expect(await limit(req(), 'login/options')).toBeNull();
    expect(await limit(req(), 'login/options')).not.toBeNull();
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
