/**
 * The checks every example mount of the passkey handler must pass, over real HTTP: a
 * registration and a sign-in with the software authenticator (every Set-Cookie kept), the
 * handler's own 413, 415 and 403, and 400 for a malformed `Host`. Each example adds what is its
 * framework's own (fall-through).
 */
import { request } from 'node:http';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { describe, expect, it } from 'vitest';

/** A browser-like client: a cookie jar, JSON bodies, and the page's Origin on every request. */
export function browser(base: string, origin: string) {
  let cookie = '';
  return {
    async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(base + path, {
        method,
        headers: {
          origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const sid = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
      if (sid) cookie = sid.split(';')[0]!;
      const text = await res.text();
      // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: res.status, headers: res.headers, text, json };
    },
  };
}

/**
 * A POST whose `Host` header is exactly the one given (fetch would refuse to set it); resolves
 * to the status and the body.
 */
export function postWithHost(
  url: string,
  host: string,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      setHost: false,
      headers: { host, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Declares the shared checks; `base()` is read once the app listens. */
export function describeMountedPasskeys(framework: string, ctx: { base(): string; origin: string }): void {
  describe(`the passkey handler mounted in ${framework}`, () => {
    const authenticator = createSoftwareAuthenticator({ attachment: 'platform' });
    let userId = '';

    it('registers a passkey for the signed-in user and lists it', async () => {
      const alice = browser(ctx.base(), ctx.origin);
      const login = await alice.send('POST', '/api/login', { username: 'alice' });
      expect(login.status).toBe(200);
      userId = login.json.user.id;

      const started = await alice.send('POST', '/api/passkeys/register/options', {});
      expect(started.status).toBe(200);
      const response = await authenticator.create(started.json.options, { origin: ctx.origin });
      const finished = await alice.send('POST', '/api/passkeys/register/verify', {
        ceremonyId: started.json.ceremonyId,
        response,
      });
      expect(finished.status).toBe(201);
      expect(finished.json.passkey.id).toBe(response.id);

      const list = await alice.send('GET', '/api/passkeys');
      expect(list.status).toBe(200);
      expect(list.json.passkeys.map((p: { id: string }) => p.id)).toEqual([response.id]);
    });

    it('signs in with the passkey: the user, and every Set-Cookie of onSignedIn', async () => {
      const visitor = browser(ctx.base(), ctx.origin);
      expect((await visitor.send('GET', '/api/passkeys')).status).toBe(401);
      const started = await visitor.send('POST', '/api/passkeys/login/options', {});
      expect(started.status).toBe(200);
      const response = await authenticator.get(started.json.options, { origin: ctx.origin });
      const finished = await visitor.send('POST', '/api/passkeys/login/verify', {
        ceremonyId: started.json.ceremonyId,
        response,
      });
      expect(finished.status).toBe(200);
      expect(finished.json.userId).toBe(userId);
      const cookies = finished.headers.getSetCookie();
      expect(cookies).toHaveLength(2);
      expect(cookies[0]).toMatch(/^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(cookies[1]).toBe('signed_in=1; Path=/; SameSite=Lax');
      expect(finished.headers.get('content-type')).toMatch(/^application\/json/);
      expect(finished.headers.get('cache-control')).toBe('no-store');

      const me = await visitor.send('GET', '/api/me');
      expect(me.json.user.id).toBe(userId);
      expect((await visitor.send('GET', '/api/passkeys')).json.passkeys).toHaveLength(1);
    });

    it('refuses an oversized body with 413, whether its length is announced or not', async () => {
      const big = JSON.stringify({ username: 'x'.repeat(70 * 1024) });
      const announced = await browser(ctx.base(), ctx.origin).send(
        'POST',
        '/api/passkeys/login/options',
        big,
      );
      expect(announced.status).toBe(413);
      expect(announced.json.error.code).toBe('BODY_TOO_LARGE');

      const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 8) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const chunked = await fetch(`${ctx.base()}/api/passkeys/login/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await chunked.json()).error.code).toBe('BODY_TOO_LARGE');
    });

    it('refuses a body that is not JSON with 415', async () => {
      const res = await browser(ctx.base(), ctx.origin).send('POST', '/api/passkeys/login/options', 'hello', {
        'content-type': 'text/plain',
      });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers a malformed Host header with 400 in the error shape, never a 500 or a stack trace', async () => {
      const post = (host: string) => postWithHost(`${ctx.base()}/api/passkeys/login/options`, host, '{}');
      // Unbalanced brackets, spaces, a path, user info, a port out of range, a percent sign.
      for (const host of ['[', '[::1', 'a b', 'x/y', 'a@b', 'ex%61mple.com', 'localhost:99999', 'a:b:c']) {
        const res = await post(host);
        expect(res.status, host).toBe(400);
        expect(JSON.parse(res.body).error.code, host).toBe('INVALID_REQUEST');
        expect(res.body, host).not.toMatch(/\bat \S+ \(|Error:/);
      }
      // Any well-formed Host works: the URL is built on the configured origin.
      for (const host of ['localhost:1', 'other.example', '127.0.0.1:8080', '[::1]:443']) {
        const res = await post(host);
        expect(res.status, host).toBe(200);
        expect(JSON.parse(res.body).ceremonyId, host).toEqual(expect.any(String));
      }
    });

    it('refuses a state-changing request from a foreign origin with 403', async () => {
      const res = await browser(ctx.base(), ctx.origin).send(
        'POST',
        '/api/passkeys/login/options',
        {},
        { origin: 'https://evil.example' },
      );
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('CROSS_SITE_REQUEST');
    });
  });
}
