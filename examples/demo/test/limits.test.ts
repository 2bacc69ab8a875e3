import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/server/http';
import { PASSKEY_RATE_LIMIT } from '../src/server/passkey-routes';
import { PASSWORD_FAILURES } from '../src/server/passwords';
import { browserOf, makeDemo, PASSWORD, signUp } from './helpers';

const WRONG = 'not the right password';

/** A JSON object of exactly `bytes` bytes. */
const jsonOf = (bytes: number) => {
  const empty = JSON.stringify({ pad: '' });
  return JSON.stringify({ pad: 'x'.repeat(bytes - empty.length) });
};

describe("the demo's own limits", () => {
  it(`refuses bodies over ${MAX_BODY_BYTES} bytes with 413, announced or streamed`, async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    const routes = [
      '/api/account/signup',
      '/api/account/login',
      '/api/account/verify',
      '/api/p2p/orders',
      '/api/p2p/orders/o_x/release',
    ];
    for (const path of routes) {
      const announced = await browser.request('POST', path, jsonOf(MAX_BODY_BYTES + 1));
      expect(announced.status, path).toBe(413);
      expect(announced.json.error.code, path).toBe('BODY_TOO_LARGE');

      // No Content-Length: the stream is cut once it passes the limit, not read to its end.
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new TextEncoder().encode(`{"pad":"${'x'.repeat(4096)}`));
          if (pulled > 1000) controller.close();
        },
      });
      const streamed = await demo.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: browser.cookie },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status, path).toBe(413);
      expect(pulled, path).toBeLessThan(10);
    }
    // At the limit exactly, the route reads it (and refuses what is in it).
    const full = await browser.request('POST', '/api/p2p/orders', jsonOf(MAX_BODY_BYTES));
    expect(full.status).toBe(400);
    expect(full.json.error.code).toBe('INVALID_REQUEST');
  });

  it('throttles wrong passwords per account, known or not, before checking the password', async () => {
    const demo = makeDemo();
    await signUp(browserOf(demo), 'victim');
    for (const username of ['Victim', 'nobody.here']) {
      // From many addresses: the account's count is what stops them.
      for (let i = 0; i < PASSWORD_FAILURES.perAccount; i++) {
        const res = await browserOf(demo, { address: `198.51.100.${i + 1}` }).post('/api/account/login', {
          username,
          password: WRONG,
        });
        expect(res.status, `${username} #${i}`).toBe(401);
      }
      for (const password of [WRONG, PASSWORD]) {
        const res = await browserOf(demo, { address: '198.51.100.99' }).post('/api/account/login', {
          username: username.toUpperCase(),
          password,
        });
        expect(res.status, username).toBe(429);
        expect(res.json.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 900 } });
        expect(res.headers.get('retry-after')).toBe('900');
      }
    }
    // Another account is not affected; the window's end lets the victim in again.
    await signUp(browserOf(demo), 'bystander');
    expect(
      (await browserOf(demo).post('/api/account/login', { username: 'bystander', password: PASSWORD }))
        .status,
    ).toBe(200);
    demo.clock.advance(PASSWORD_FAILURES.windowSeconds - 10);
    const waiting = await browserOf(demo).post('/api/account/login', {
      username: 'victim',
      password: PASSWORD,
    });
    expect(waiting.headers.get('retry-after')).toBe('10');
    demo.clock.advance(10);
    expect(
      (await browserOf(demo).post('/api/account/login', { username: 'victim', password: PASSWORD })).status,
    ).toBe(200);
  });

  it('counts the password re-check against the same account, so a stolen session cannot guess on', async () => {
    const demo = makeDemo();
    const thief = browserOf(demo);
    await signUp(thief, 'owner');
    for (let i = 0; i < PASSWORD_FAILURES.perAccount; i++) {
      expect((await thief.post('/api/account/verify', { password: WRONG })).status).toBe(401);
    }
    const verify = await thief.post('/api/account/verify', { password: PASSWORD });
    expect(verify.status).toBe(429);
    expect(verify.json.error.code).toBe('RATE_LIMITED');
    const login = await browserOf(demo).post('/api/account/login', { username: 'owner', password: PASSWORD });
    expect(login.status).toBe(429);
  });

  it('throttles wrong passwords per address (IPv6 by /64), and a right one does not reset it', async () => {
    const demo = makeDemo();
    await signUp(browserOf(demo), 'mine');
    await signUp(browserOf(demo), 'someone');
    const from = (address: string) => browserOf(demo, { address });
    for (let i = 0; i < PASSWORD_FAILURES.perAddress; i++) {
      // One /64, many hosts and names: one count. The attacker's own account does not clear it.
      const res = await from(`2001:db8:1:2::${(i + 1).toString(16)}`).post('/api/account/login', {
        username: `guess${i}`,
        password: WRONG,
      });
      expect(res.status).toBe(401);
      if (i === 10)
        expect(
          (
            await from('2001:db8:1:2::aa').post('/api/account/login', {
              username: 'mine',
              password: PASSWORD,
            })
          ).status,
        ).toBe(200);
    }
    const refused = await from('2001:db8:1:2:ffff::1').post('/api/account/login', {
      username: 'someone',
      password: PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(PASSWORD_FAILURES.windowSeconds));
    for (const address of ['2001:db8:1:3::1', '203.0.113.7']) {
      expect(
        (await from(address).post('/api/account/login', { username: 'someone', password: PASSWORD })).status,
        address,
      ).toBe(200);
    }
  });

  it('rate-limits passkey sign-in ceremonies per address through the SDK', async () => {
    const demo = makeDemo();
    const from = (address: string) => browserOf(demo, { address });
    for (let i = 0; i < PASSKEY_RATE_LIMIT.limit; i++) {
      expect((await from('192.0.2.1').post('/api/passkeys/login/options', {})).status).toBe(200);
    }
    const limited = await from('192.0.2.1').post('/api/passkeys/login/options', {});
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('192.0.2.2').post('/api/passkeys/login/options', {})).status).toBe(200);
    demo.clock.advance(PASSKEY_RATE_LIMIT.windowSeconds);
    expect((await from('192.0.2.1').post('/api/passkeys/login/options', {})).status).toBe(200);
  });
});
