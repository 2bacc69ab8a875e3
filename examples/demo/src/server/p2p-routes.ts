import type { Hono } from 'hono';
import type { AccountRouteDeps } from './account-routes';
import { jsonResponse } from './errors';
import { readJson } from './http';
import type { Orders } from './p2p';

/** `/api/p2p/orders…`: the signed-in user's sell orders, and their release with a passkey receipt. */
export function p2pRoutes(app: Hono, deps: Pick<AccountRouteDeps, 'signedIn'> & { orders: Orders }): void {
  const { orders, signedIn } = deps;
  app.get('/api/p2p/orders', async (c) =>
    jsonResponse(200, { orders: await orders.list((await signedIn(c.req.raw)).account.id) }),
  );
  app.post('/api/p2p/orders', async (c) => {
    const { account } = await signedIn(c.req.raw);
    return jsonResponse(201, { order: await orders.create(account.id, await readJson(c)) });
  });
  app.post('/api/p2p/orders/:id/release', async (c) => {
    const { account } = await signedIn(c.req.raw);
    const { receipt } = await readJson(c);
    return jsonResponse(200, { order: await orders.release(account.id, c.req.param('id'), receipt) });
  });
}
