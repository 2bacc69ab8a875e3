/**
 * What every Node mount of the passkey handler must do, over real HTTP: node:http, Express 4 and
 * 5, and Fastify each run these against their own app.
 */
import { connect } from 'node:net';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchHandler } from '../../src/node/index';
import { parseRaw, raw, send } from './http-client';
import { BASE_PATH, ORIGIN, passkeyApp } from './passkey-app';

/** A running app: where it listens, and how to stop it. */
export interface Mounted {
  base: string;
  close(): Promise<void>;
}

/**
 * Starts an app on an ephemeral port with the passkey handler mounted as the framework's recipe
 * says, and a route of the app's own, `POST /api/passkeys/export/csv`, that parses JSON and answers
 * 202 `{ received }`. With `parserFirst`, the app's JSON parser comes before the handler instead.
 */
export type Mount = (
  handle: FetchHandler,
  options: { origin: string; parserFirst: boolean },
) => Promise<Mounted>;

const STACK = /\bat \S+ \(|Error:/;

function mounted(mount: Mount, parserFirst: boolean) {
  const app = passkeyApp();
  let running: Mounted | undefined;
  beforeAll(async () => {
    running = await mount(app.handle, { origin: ORIGIN, parserFirst });
  });
  afterAll(async () => {
    await running?.close();
  });
  return { app, base: () => (running as Mounted).base };
}

/** Sends `head` (with a Content-Length of `announced`) and a part of the body, then hangs up. */
function abortUpload(base: string, path: string, announced: number, sent: string): Promise<void> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${announced}\r\n\r\n${sent}`,
      );
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

export function describeNodeMount(framework: string, mount: Mount): void {
  describe(`the passkey handler on ${framework}`, () => {
    const { app, base } = mounted(mount, false);
    const authenticator = createSoftwareAuthenticator({ attachment: 'platform' });
    const alice = app.signIn('alice');

    it('registers a passkey for the signed-in user and lists it', async () => {
      const cookie = { origin: ORIGIN, cookie: alice.cookie };
      const started = await send(base(), 'POST', `${BASE_PATH}/register/options`, {}, cookie);
      expect(started.status).toBe(200);
      const response = await authenticator.create(started.json.options, { origin: ORIGIN });
      const body = { ceremonyId: started.json.ceremonyId, response };
      const finished = await send(base(), 'POST', `${BASE_PATH}/register/verify`, body, cookie);
      expect(finished.status).toBe(201);
      const list = await send(base(), 'GET', BASE_PATH, undefined, cookie);
      expect(list.status).toBe(200);
      expect(list.json.passkeys.map((p: { id: string }) => p.id)).toEqual([response.id]);
    });

    it('signs in with it: the user, every Set-Cookie on a line of its own, the JSON headers', async () => {
      expect((await send(base(), 'GET', BASE_PATH)).status).toBe(401);
      const started = await send(base(), 'POST', `${BASE_PATH}/login/options`, {}, { origin: ORIGIN });
      const response = await authenticator.get(started.json.options, { origin: ORIGIN });
      const body = { ceremonyId: started.json.ceremonyId, response };
      const finished = await send(base(), 'POST', `${BASE_PATH}/login/verify`, body, { origin: ORIGIN });
      expect(finished.status).toBe(200);
      expect(finished.json.userId).toBe(alice.userId);
      const cookies = finished.headers.getSetCookie();
      expect(cookies).toHaveLength(2);
      expect(cookies[0]).toMatch(/^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(cookies[1]).toBe('signed_in=1; Path=/; SameSite=Lax');
      expect(finished.headers.get('content-type')).toMatch(/^application\/json/);
      expect(finished.headers.get('cache-control')).toBe('no-store');
      const session = { cookie: (cookies[0] as string).split(';')[0] as string };
      expect((await send(base(), 'GET', BASE_PATH, undefined, session)).json.passkeys).toHaveLength(1);
    });

    it('leaves the size limit to the handler: 413 with a Content-Length and without one', async () => {
      const big = JSON.stringify({ username: 'x'.repeat(70 * 1024) });
      const announced = await send(base(), 'POST', `${BASE_PATH}/login/options`, big);
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
      const chunked = await fetch(`${base()}${BASE_PATH}/login/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await chunked.json()).error.code).toBe('BODY_TOO_LARGE');
      // The connection is still good for the next request.
      expect((await send(base(), 'POST', `${BASE_PATH}/login/options`, {})).status).toBe(200);
    });

    it('answers a malformed Host with 400 INVALID_REQUEST in the error shape, never a 500 or a stack', async () => {
      const post = async (hostLines: string) =>
        parseRaw(
          await raw(
            base(),
            `POST ${BASE_PATH}/login/options HTTP/1.1\r\n${hostLines}\r\nContent-Type: application/json\r\nContent-Length: 2`,
            '{}',
          ),
        );
      const malformed = ['[', '[::1', 'a b', 'x/y', 'a@b', 'ex%61mple.com', 'localhost:99999', 'a:b:c'];
      for (const host of malformed) {
        const res = await post(`Host: ${host}`);
        expect(res.status, host).toBe(400);
        expect(JSON.parse(res.body).error.code, host).toBe('INVALID_REQUEST');
        expect(res.body, host).not.toMatch(STACK);
      }
      // RFC 9112 §3.2: two Host lines are as bad as a malformed one.
      const twice = await post('Host: localhost\r\nHost: evil.example');
      expect(twice.status).toBe(400);
      expect(JSON.parse(twice.body).error.code).toBe('INVALID_REQUEST');
      // Any well-formed Host works: the URL is built on the configured origin.
      for (const host of ['localhost:1', 'other.example', '127.0.0.1:8080', '[::1]:443']) {
        const res = await post(`Host: ${host}`);
        expect(res.status, host).toBe(200);
        expect(JSON.parse(res.body).ceremonyId, host).toEqual(expect.any(String));
      }
    });

    it('answers a request target that is not a path with 400 INVALID_REQUEST', async () => {
      const head = `POST http://evil.example${BASE_PATH}/login/options HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: 2`;
      const res = parseRaw(await raw(base(), head, '{}'));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('INVALID_REQUEST');
    });

    it("passes a route that is not the handler's on to the app, its body unread", async () => {
      const own = await send(base(), 'POST', `${BASE_PATH}/export/csv`, { format: 'csv', rows: [1, 2] });
      expect(own.status).toBe(202);
      expect(own.json).toEqual({ received: { format: 'csv', rows: [1, 2] } });
      const unknown = await send(base(), 'POST', `${BASE_PATH}/some/other/route`, { a: 1 });
      expect(unknown.status).toBe(404);
      expect(unknown.text).not.toMatch(STACK);
    });

    it('answers HEAD without a body: the handler’s 405 with Allow', async () => {
      const res = parseRaw(await raw(base(), `HEAD ${BASE_PATH} HTTP/1.1\r\nHost: localhost`));
      expect(res.status).toBe(405);
      expect(res.headers).toContainEqual(['allow', 'GET']);
      expect(res.body).toBe('');
    });

    it('survives a client that hangs up mid-upload, logging nothing, and serves the next request', async () => {
      const before = app.logged.length;
      await abortUpload(base(), `${BASE_PATH}/login/options`, 5000, '{"username":"al');
      await abortUpload(base(), `${BASE_PATH}/some/other/route`, 5000, '{"a":');
      expect((await send(base(), 'POST', `${BASE_PATH}/login/options`, {})).status).toBe(200);
      expect(app.logged.slice(before)).toEqual([]);
    });
  });

  describe(`the passkey handler on ${framework}, mounted after a JSON body parser`, () => {
    const { app, base } = mounted(mount, true);

    it('answers a bare 500 and logs a TypeError naming the fix, instead of reading the body as {}', async () => {
      const before = app.logged.length;
      const res = await send(base(), 'POST', `${BASE_PATH}/login/verify`, { ceremonyId: 'x', response: {} });
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
      expect(res.text).not.toMatch(/json\(\)|parser/i);
      const logged = app.logged.slice(before);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.args[0]).toBeInstanceOf(TypeError);
    });

    it('still answers the routes that take no body', async () => {
      const { cookie } = app.signIn('bob');
      const list = await send(base(), 'GET', BASE_PATH, undefined, { cookie });
      expect(list.status).toBe(200);
      expect(list.json.passkeys).toEqual([]);
    });
  });
}
