import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { fakeBrowser, passkeyJSON, recordingFetch } from './fakes';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, details } });

/** A small server speaking the protocol's management routes, and some broken answers. */
function handle(method: string, url: string, body: unknown): [number, unknown, string?] {
  const id = url.match(/^\/passkeys\/([^/]+)/)?.[1];
  if (url.startsWith('/html')) return [502, '<html>Bad gateway</html>', 'text/html'];
  if (url.startsWith('/no-code')) return [500, { oops: true }];
  if (url.startsWith('/bad-shape')) return [200, { hello: 'world' }];
  if (method === 'GET' && url === '/passkeys') {
    const used = { ...passkeyJSON('a', 'Phone'), lastUsedAt: '2025-02-03T04:05:06.000Z' };
    return [
      200,
      { passkeys: [used, passkeyJSON('b')], limit: 10, rpId: 'localhost', userHandle: 'aGFuZGxl' },
    ];
  }
  if (id === 'missing') return [404, error('CREDENTIAL_NOT_FOUND', 'No such passkey')];
  if (method === 'PATCH' && id) {
    const { name } = body as { name: string };
    if (!name.trim()) return [400, error('INVALID_NAME', 'Empty name')];
    return [200, { passkey: { ...passkeyJSON(decodeURIComponent(id)), name } }];
  }
  if (method === 'GET' && url.endsWith('/removal-impact')) {
    return [200, { remaining: 1, lastPasskey: false, lowersSecurity: true }];
  }
  if (method === 'DELETE' && id) {
    if ((body as { confirm?: unknown } | undefined)?.confirm !== true) {
      const impact = { remaining: 1, lastPasskey: false, lowersSecurity: true };
      return [409, error('CONFIRMATION_REQUIRED', 'Confirm the removal', impact)];
    }
    return [200, { remaining: 1 }];
  }
  return [405, error('METHOD_NOT_ALLOWED', 'No')];
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const [status, json, type = 'application/json'] = handle(
        req.method ?? '',
        req.url ?? '',
        body ? JSON.parse(body) : undefined,
      );
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof json === 'string' ? json : JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  seen.length = 0;
  vi.unstubAllGlobals();
});

describe('management over a real HTTP server', () => {
  it('lists with GET {base}, JSON headers, and revives the dates', async () => {
    const client = createPasskeyClient({ baseUrl: `${base}/passkeys/` });
    const result = await client.list();
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result).toMatchObject({ limit: 10, rpId: 'localhost', userHandle: 'aGFuZGxl' });
    const [used, fresh] = result.passkeys;
    expect(used?.createdAt).toEqual(new Date('2025-01-02T03:04:05.000Z'));
    expect(used?.lastUsedAt).toEqual(new Date('2025-02-03T04:05:06.000Z'));
    expect(fresh?.lastUsedAt).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/passkeys', body: '' });
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers['content-type']).toBeUndefined();
  });

  it('renames with PATCH {base}/:id, the id encoded', async () => {
    const client = createPasskeyClient({ baseUrl: `${base}/passkeys` });
    const id = 'a/b+c=?#%';
    const result = await client.rename(id, 'Work laptop');
    expect(result).toMatchObject({ status: 'ok', passkey: { id, name: 'Work laptop' } });
    if (result.status === 'ok') expect(result.passkey.createdAt).toBeInstanceOf(Date);
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/passkeys/a%2Fb%2Bc%3D%3F%23%25' });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ name: 'Work laptop' });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers.accept).toBe('application/json');
  });

  it('reads the removal impact with GET {base}/:id/removal-impact', async () => {
    const client = createPasskeyClient({ baseUrl: `${base}/passkeys` });
    expect(await client.removalImpact('x y')).toEqual({
      status: 'ok',
      remaining: 1,
      lastPasskey: false,
      lowersSecurity: true,
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/passkeys/x%20y/removal-impact' });
  });

  it('removes with DELETE {base}/:id { confirm: true }, then lists again', async () => {
    const client = createPasskeyClient({ baseUrl: `${base}/passkeys` });
    await client.list();
    seen.length = 0;
    expect(await client.remove('a', { confirm: true })).toEqual({ status: 'ok', remaining: 1 });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /passkeys/a', 'GET /passkeys']);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ confirm: true });
  });

  it("carries the server's code, message and details", async () => {
    const client = createPasskeyClient({ baseUrl: `${base}/passkeys` });
    await client.list();
    expect(await client.rename('missing', 'x')).toEqual({
      status: 'error',
      error: { code: 'CREDENTIAL_NOT_FOUND', message: 'No such passkey' },
    });
    expect(await client.rename('a', ' ')).toMatchObject({ status: 'error', error: { code: 'INVALID_NAME' } });
    const unconfirmed = await client.remove('a', { confirm: false as true });
    expect(unconfirmed).toEqual({
      status: 'error',
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: 'Confirm the removal',
        details: { remaining: 1, lastPasskey: false, lowersSecurity: true },
      },
    });
  });

  it('maps a non-JSON answer, an error without a code and an unexpected body to INVALID_RESPONSE', async () => {
    for (const [path, status] of [
      ['/html', 502],
      ['/no-code', 500],
      ['/bad-shape', 200],
    ] as const) {
      const client = createPasskeyClient({ baseUrl: `${base}${path}` });
      expect(await client.list()).toEqual({
        status: 'error',
        error: { code: 'INVALID_RESPONSE', message: `HTTP ${status}`, details: { status } },
      });
    }
  });

  it('maps a refused connection to NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createPasskeyClient({ baseUrl: `http://127.0.0.1:${port}/passkeys` });
    for (const result of [
      await client.list(),
      await client.rename('a', 'b'),
      await client.removalImpact('a'),
    ]) {
      expect(result).toMatchObject({ status: 'error', error: { code: 'NETWORK_ERROR' } });
    }
  });
});

describe('requests', () => {
  it("default to '/passkeys' and credentials 'same-origin'; the option overrides them", async () => {
    const list = [200, { passkeys: [], limit: 10, rpId: 'localhost', userHandle: null }] as [number, unknown];
    const first = recordingFetch({ 'GET /passkeys': list });
    await createPasskeyClient({ fetch: first.fetch }).list();
    expect(first.sent[0]).toMatchObject({ url: '/passkeys', credentials: 'same-origin' });
    const second = recordingFetch({ 'GET https://api.example.com/pk': list });
    await createPasskeyClient({
      fetch: second.fetch,
      baseUrl: 'https://api.example.com/pk',
      credentials: 'include',
    }).list();
    expect(second.sent[0]).toMatchObject({ credentials: 'include' });
  });

  it('never throw, even when fetch itself throws synchronously or is missing', async () => {
    const throwing = (() => {
      throw new TypeError('fetch is not a function');
    }) as unknown as typeof fetch;
    const client = createPasskeyClient({ fetch: throwing });
    expect(await client.list()).toMatchObject({ status: 'error', error: { code: 'NETWORK_ERROR' } });
    vi.stubGlobal('fetch', undefined);
    expect(await createPasskeyClient().list()).toMatchObject({
      status: 'error',
      error: { code: 'NETWORK_ERROR' },
    });
  });

  it('send the documented bodies to every ceremony route', async () => {
    fakeBrowser();
    const { fetch, sent } = recordingFetch({});
    const client = createPasskeyClient({ fetch, baseUrl: '/api/passkeys' });
    await client.register({ authenticator: 'security-key', name: 'Key' });
    await client.signIn({ username: 'alice' });
    await client.stepUp({ action: 'p2p.release', details: { orderId: 'o1', amount: '1.50', asset: 'BTC' } });
    expect(sent.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: '/api/passkeys/register/options', body: { authenticator: 'security-key' } },
      { method: 'POST', url: '/api/passkeys/login/options', body: { username: 'alice', mediation: 'modal' } },
      {
        method: 'POST',
        url: '/api/passkeys/step-up/options',
        body: { action: 'p2p.release', details: { orderId: 'o1', amount: '1.50', asset: 'BTC' } },
      },
    ]);
    for (const s of sent) expect(s.headers['content-type']).toBe('application/json');
  });
});
