import { createServer } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPasskeyHandler, createPasskeyServer } from '../../src/index';
import { type NodeHandler, nodeRequest, toNodeHandler } from '../../src/node/index';
import { send } from './http-client';
import { listen } from './listen';
import { describeNodeMount, type Mount } from './mount-checks';
import { BASE_PATH, ORIGIN, passkeyApp } from './passkey-app';

/** Both versions through Express 5's types: each one's own types are checked below. */
type Express = typeof express5;

/** The README's recipe: the handler at its base path, before express.json(). */
const mountOn =
  (express: Express): Mount =>
  async (handle, { origin, parserFirst }) => {
    const app = express();
    if (parserFirst) app.use(express.json());
    app.use(BASE_PATH, toNodeHandler(handle, { origin }));
    if (!parserFirst) app.use(express.json());
    app.post(`${BASE_PATH}/export/csv`, (req, res) => {
      res.status(202).json({ received: req.body });
    });
    // The app's own errors as JSON without a stack, as its last middleware should answer them.
    app.use((err: { status?: number }, _req: unknown, res: express5.Response, _next: unknown) => {
      res.status(err.status ?? 500).json({ error: { code: 'APP_ERROR' } });
    });
    return listen(createServer(app));
  };

describe('the Node handler in the types of each Express', () => {
  it('is middleware both versions take', () => {
    expectTypeOf<NodeHandler>().toExtend<express4.RequestHandler>();
    expectTypeOf<NodeHandler>().toExtend<express5.RequestHandler>();
  });
});

for (const [name, express] of [
  ['Express 4', express4 as unknown as Express],
  ['Express 5', express5],
] as const) {
  describeNodeMount(name, mountOn(express));

  describe(`${name}: mounted without a path`, () => {
    it('answers its routes and passes the others on, body intact', async () => {
      const app = express();
      app.use(toNodeHandler(passkeyApp().handle, { origin: ORIGIN }));
      app.post('/api/other', express.json(), (req, res) => {
        res.json({ received: req.body });
      });
      const running = await listen(createServer(app));
      try {
        expect((await send(running.base, 'POST', `${BASE_PATH}/login/options`, {})).status).toBe(200);
        const other = await send(running.base, 'POST', '/api/other', { a: [1] });
        expect(other.json).toEqual({ received: { a: [1] } });
      } finally {
        await running.close();
      }
    });
  });
}

describe('the Express request behind a hook’s Request (nodeRequest)', () => {
  it('lets getSession read what Express middleware put on req (a session), and nothing else', async () => {
    const app = express5();
    const server = createPasskeyServer({
      rp: { id: 'localhost', name: 'x' },
      origins: [ORIGIN],
      logger: { warn() {}, error() {} },
    });
    const user = { id: 'u1', name: 'alice', displayName: 'Alice' };
    const handle = createPasskeyHandler(server, {
      basePath: BASE_PATH,
      getSession: (request) => {
        const req = nodeRequest(request) as
          | (express5.Request & { session?: { user: typeof user } })
          | undefined;
        return req?.session ? { user: req.session.user, lastVerifiedAt: null } : null;
      },
    });
    // A session middleware of the app's, before the passkey handler.
    app.use((req, _res, next) => {
      if (req.headers.cookie === 'sid=1') (req as { session?: unknown }).session = { user };
      next();
    });
    app.use(BASE_PATH, toNodeHandler(handle, { origin: ORIGIN }));
    const running = await listen(createServer(app));
    try {
      const signedIn = await fetch(`${running.base}${BASE_PATH}`, { headers: { cookie: 'sid=1' } });
      expect(signedIn.status).toBe(200);
      expect((await signedIn.json()).passkeys).toEqual([]);
      expect((await fetch(`${running.base}${BASE_PATH}`)).status).toBe(401);
      expect(nodeRequest(new Request('http://localhost/'))).toBeUndefined();
    } finally {
      await running.close();
    }
  });
});
