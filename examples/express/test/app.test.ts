import type { AddressInfo } from 'node:net';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';

const ORIGIN = 'http://localhost:3001'; // what the browser's page would send; the server listens elsewhere
const app = createApp({ rpId: 'localhost', origin: ORIGIN });
// A route of the app's own below the passkey mount: it must get what the handler passes on, body intact.
app.post('/api/passkeys/export/csv', express.json(), (req, res) => {
  res.status(202).json({ received: req.body });
});
let server: ReturnType<typeof app.listen>;
let base = '';

beforeAll(async () => {
  server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(s)));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A browser-like client: a cookie jar, JSON bodies, and the page's Origin on every request. */
function browser() {
  let cookie = '';
  return {
    async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(base + path, {
        method,
        headers: {
          origin: ORIGIN,
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

describe('the passkey handler mounted in Express', () => {
  const authenticator = createSoftwareAuthenticator({ attachment: 'platform' });
  let userId = '';

  it('registers a passkey for the signed-in user and lists it', async () => {
    const alice = browser();
    const login = await alice.send('POST', '/api/login', { username: 'alice' });
    expect(login.status).toBe(200);
    userId = login.json.user.id;

    const started = await alice.send('POST', '/api/passkeys/register/options', {});
    expect(started.status).toBe(200);
    const response = await authenticator.create(started.json.options, { origin: ORIGIN });
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
    const visitor = browser();
    expect((await visitor.send('GET', '/api/passkeys')).status).toBe(401);
    const started = await visitor.send('POST', '/api/passkeys/login/options', {});
    expect(started.status).toBe(200);
    const response = await authenticator.get(started.json.options, { origin: ORIGIN });
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
    const announced = await browser().send('POST', '/api/passkeys/login/options', big);
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
    const chunked = await fetch(`${base}/api/passkeys/login/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await browser().send('POST', '/api/passkeys/login/options', 'hello', {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a state-changing request from a foreign origin with 403', async () => {
    const res = await browser().send(
      'POST',
      '/api/passkeys/login/options',
      {},
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CROSS_SITE_REQUEST');
  });

  it("passes a route that is not the handler's on to Express, body unread", async () => {
    const unknown = await browser().send('GET', '/api/passkeys/some/other/route');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unknown.text).toContain('Cannot GET /api/passkeys/some/other/route');

    const own = await browser().send('POST', '/api/passkeys/export/csv', { format: 'csv' });
    expect(own.status).toBe(202);
    expect(own.json).toEqual({ received: { format: 'csv' } });
  });
});
