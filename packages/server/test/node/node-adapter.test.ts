/**
 * The adapter's own behaviour on node:http, with Fetch handlers written for each case: what the
 * passkey handler never does (throw, stream slowly, answer 204) must still be handled.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FetchHandler, toNodeHandler } from '../../src/node/index';
import { parseRaw, raw, send } from './http-client';
import { listen } from './listen';
import type { Mounted } from './mount-checks';

const ORIGIN = 'https://example.com';
let running: Mounted | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(
  handle: FetchHandler,
  around?: (req: IncomingMessage, res: ServerResponse, run: () => Promise<void>) => Promise<void>,
): Promise<string> {
  const node = toNodeHandler(handle, { origin: ORIGIN });
  const server = createServer((req, res) =>
    around ? around(req, res, () => node(req, res)) : node(req, res),
  );
  running = await listen(server);
  return running.base;
}

describe('toNodeHandler', () => {
  it('refuses a missing handler or an origin that is not one, at once', () => {
    expect(() => toNodeHandler(undefined as unknown as FetchHandler, { origin: ORIGIN })).toThrow(TypeError);
    for (const origin of [undefined, '', 'example.com', 'https://example.com/api']) {
      expect(() => toNodeHandler(() => null, { origin } as { origin: string }), String(origin)).toThrow(
        TypeError,
      );
    }
  });

  it('gives the handler the method, the URL on the origin, every header line and the body', async () => {
    let seen: { method: string; url: string; accept: string | null; body: string } | undefined;
    const base = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        accept: request.headers.get('accept'),
        body: await request.text(),
      };
      return new Response('ok');
    });
    const res = await raw(
      base,
      'PUT /a/b?c=d HTTP/1.1\r\nHost: evil.example\r\nAccept: text/plain\r\nAccept: application/json\r\nContent-Length: 5',
      'hello',
    );
    expect(parseRaw(res).body).toBe('ok');
    expect(seen).toEqual({
      method: 'PUT',
      url: 'https://example.com/a/b?c=d',
      accept: 'text/plain, application/json',
      body: 'hello',
    });
  });

  it('without next: a bare 404 for a route that is not the handler’s, and for a method Fetch cannot carry', async () => {
    let calls = 0;
    const base = await serve(() => {
      calls++;
      return null;
    });
    expect((await send(base, 'GET', '/nothing')).status).toBe(404);
    expect(parseRaw(await raw(base, 'TRACE / HTTP/1.1\r\nHost: localhost')).status).toBe(404);
    expect(calls).toBe(1);
  });

  it('a handler that throws: next(err), or a bare 500 without next', async () => {
    const failing = () => Promise.reject(new Error('secret detail'));
    const base = await serve(failing);
    const bare = await send(base, 'GET', '/');
    expect(bare.status).toBe(500);
    expect(bare.text).toBe('');
    await running?.close();

    const node = toNodeHandler(failing, { origin: ORIGIN });
    const errors: unknown[] = [];
    running = await listen(
      createServer((req, res) =>
        node(req, res, (err) => {
          errors.push(err);
          res.writeHead(502).end();
        }),
      ),
    );
    expect((await send(running.base, 'GET', '/')).status).toBe(502);
    expect(errors).toEqual([expect.any(Error)]);
  });

  it('hands an answer it cannot send (the headers already went) to next(err)', async () => {
    const node = toNodeHandler(() => new Response('late'), { origin: ORIGIN });
    const errors: unknown[] = [];
    running = await listen(
      createServer(async (req, res) => {
        res.writeHead(200).write('early ');
        await node(req, res, (err) => {
          errors.push(err);
          res.end('end');
        });
      }),
    );
    expect((await send(running.base, 'GET', '/')).text).toBe('early end');
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_HTTP_HEADERS_SENT' })]);
  });

  it('sends each Set-Cookie on a line of its own, after those an earlier middleware set', async () => {
    const base = await serve(
      () =>
        new Response('{}', {
          status: 201,
          headers: [
            ['set-cookie', 'a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT'],
            ['set-cookie', 'b=2'],
            ['x-extra', 'yes'],
          ],
        }),
      async (_req, res, run) => {
        res.setHeader('set-cookie', 'theme=dark');
        await run();
      },
    );
    const res = parseRaw(await raw(base, 'GET / HTTP/1.1\r\nHost: localhost'));
    expect(res.status).toBe(201);
    expect(res.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v)).toEqual([
      'theme=dark',
      'a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
      'b=2',
    ]);
    expect(res.headers).toContainEqual(['x-extra', 'yes']);
  });

  it('sends no body for HEAD, 204 or 304, and cancels the stream it does not send', async () => {
    const cancelled: string[] = [];
    const base = await serve((request) => {
      const status = Number(new URL(request.url).searchParams.get('status') ?? 200);
      const body = new ReadableStream({
        pull: (c) => c.enqueue(new TextEncoder().encode('x')),
        cancel: () => {
          cancelled.push(`${request.method} ${status}`);
        },
      });
      return new Response(status === 304 || status === 204 ? null : body, {
        status,
        headers: { 'content-type': 'text/plain' },
      });
    });
    const head = parseRaw(await raw(base, 'HEAD / HTTP/1.1\r\nHost: localhost'));
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers).toContainEqual(['content-type', 'text/plain']);
    for (const status of [204, 304]) {
      expect(parseRaw(await raw(base, `GET /?status=${status} HTTP/1.1\r\nHost: localhost`))).toMatchObject({
        status,
        body: '',
      });
    }
    expect(cancelled).toEqual(['HEAD 200']);
  });

  it('streams a body, and cancels it when the client hangs up mid-way', async () => {
    let cancelled: () => void = () => {};
    const wasCancelled = new Promise<void>((resolve) => {
      cancelled = resolve;
    });
    const base = await serve((request) => {
      if (request.url.endsWith('/ok')) return new Response('ok');
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          await new Promise((r) => setTimeout(r, 5));
          c.enqueue(new TextEncoder().encode(`chunk ${n++}\n`));
        },
        cancel: () => cancelled(),
      });
      return new Response(body);
    });
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname);
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const first = await new Promise<string>((resolve) => socket.once('data', (d) => resolve(String(d))));
    expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*transfer-encoding: chunked/i);
    socket.destroy();
    await wasCancelled;
    expect((await send(base, 'GET', '/ok')).text).toBe('ok');
  });

  it('answers a request whose client has gone by cancelling the body, not by crashing', async () => {
    let answered: (cancelled: boolean) => void = () => {};
    const done = new Promise<boolean>((resolve) => {
      answered = resolve;
    });
    const base = await serve(async () => {
      await new Promise((r) => setTimeout(r, 100));
      let cancelled = false;
      const body = new ReadableStream({
        cancel: () => {
          cancelled = true;
        },
      });
      setTimeout(() => answered(cancelled), 50);
      return new Response(body);
    });
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname, () => {
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      setTimeout(() => socket.destroy(), 20);
    });
    expect(await done).toBe(true);
  });

  it('respond(): the handler’s Response, a 400 for a malformed request, null for a method Fetch cannot carry', async () => {
    const node = toNodeHandler(() => new Response('mine'), { origin: ORIGIN });
    const answers: (string | number | null)[] = [];
    running = await listen(
      createServer(async (req, res) => {
        const response = await node.respond(req);
        answers.push(response === null ? null : response.status);
        res.end(response === null ? '' : await response.text());
      }),
    );
    await raw(running.base, 'GET / HTTP/1.1\r\nHost: localhost');
    await raw(running.base, 'GET / HTTP/1.1\r\nHost: a b');
    await raw(running.base, 'TRACE / HTTP/1.1\r\nHost: localhost');
    expect(answers).toEqual([200, 400, null]);
  });
});
