import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createPasskeyHandler, createPasskeyServer, type PasskeyServer } from '@acme/passkey-server';
import { build } from 'esbuild';

/** The client as a page loads it: `src/index.ts` bundled for browsers, as the size script measures it. */
async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// The page exposes the client's module; tests create clients inside `page.evaluate`.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>client e2e</title></head>
<body><input autocomplete="username webauthn" aria-label="Username">
<script type="module">import * as client from '/client.js'; window.passkeyClient = client;</script></body></html>`;

interface Session {
  user: { id: string; name: string; displayName: string };
  lastVerifiedAt: Date;
  lastVerifiedWith: 'second-factor' | 'passkey';
}

/** A request the passkey handler answered: its path and JSON body, for what the server saw. */
export interface Seen {
  path: string;
  body: unknown;
}

export interface TestApp {
  url: string;
  passkeys: PasskeyServer;
  /** Every request to the passkey routes, in order. */
  seen: Seen[];
  close(): Promise<void>;
}

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A node:http server on a free port: the page, the bundled client, the real passkey handler
 * under `/passkeys` (memory stores) and two test routes — `POST /test/session` signs a user in
 * with a fresh second-factor verification, `POST /test/remove` removes a passkey on the server
 * (the recovery path, as another device or an admin would).
 */
export async function startTestApp(): Promise<TestApp> {
  const script = await bundleClient();
  const sessions = new Map<string, Session>();
  const users = new Map<string, Session['user']>();
  const seen: Seen[] = [];
  const sessionOf = (req: Request) =>
    sessions.get(/sid=([\w-]+)/.exec(req.headers.get('cookie') ?? '')?.[1] ?? '') ?? null;
  const open = (user: Session['user'], with_: Session['lastVerifiedWith']) => {
    const sid = randomUUID();
    sessions.set(sid, { user, lastVerifiedAt: new Date(), lastVerifiedWith: with_ });
    return { 'set-cookie': `sid=${sid}; Path=/; HttpOnly; SameSite=Lax` };
  };
  let passkeys: PasskeyServer | undefined;
  let handle: ((request: Request) => Promise<Response | null>) | undefined;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await read(req);
    const send = (status: number, type: string, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(text);
    };
    if (url.pathname === '/') return send(200, 'text/html', PAGE);
    if (url.pathname === '/client.js') return send(200, 'text/javascript', script);
    if (url.pathname === '/test/session') {
      const user = JSON.parse(body ?? '{}') as Session['user'];
      users.set(user.id, user);
      return send(200, 'application/json', '{}', open(user, 'second-factor'));
    }
    if (url.pathname === '/test/remove') {
      const { userId, passkeyId } = JSON.parse(body ?? '{}') as { userId: string; passkeyId: string };
      const result = await passkeys!.remove(userId, passkeyId, { recovery: true, confirm: true });
      return send(200, 'application/json', JSON.stringify(result));
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host}`), {
      method: req.method,
      headers,
      body: body || undefined,
    });
    const response = await handle!(request);
    if (!response) return send(404, 'text/plain', 'Not found');
    seen.push({ path: url.pathname, body: body ? JSON.parse(body) : undefined });
    const out: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    res.writeHead(response.status, out);
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  passkeys = createPasskeyServer({
    rp: { id: 'localhost', name: 'Client e2e' },
    origins: [url],
    secret: randomUUID() + randomUUID(),
  });
  handle = createPasskeyHandler(passkeys, {
    basePath: '/passkeys',
    getSession: sessionOf,
    onSignedIn: ({ userId }) => open(users.get(userId)!, 'passkey'),
  });
  return {
    url,
    passkeys,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
