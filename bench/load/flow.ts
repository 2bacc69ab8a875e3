/**
 * One whole flow of a virtual user, over HTTP as the demo's page runs it: sign up with a
 * password; the password re-check, then the first passkey; sign out and sign in with it; a P2P
 * order, its passkey step-up and release; rename the passkey; the passkey re-verification
 * (step-up `account.verify`), then a second passkey on a security key; remove one of the two
 * (the first in odd flows, which also ends the session it opened; the second in even ones).
 */
import { randomBytes } from 'node:crypto';
import { register, signIn, stepUp } from './ceremonies';
import { call, type FlowContext, replay } from './flow-context';
import { raceToLimit } from './limit-race';

export const PASSWORD = 'correct horse battery staple';
const REPLAYED = { status: 409, code: 'RECEIPT_REPLAYED' };

export async function runFlow(ctx: FlowContext): Promise<void> {
  const { ledger } = ctx;
  const username = `load.${ctx.n}.${randomBytes(3).toString('hex')}`;
  const signup = await call(ctx, 'POST /api/account/signup', '/api/account/signup', {
    username,
    password: PASSWORD,
  });
  const userId = (signup.body as { user: { id: string } }).user.id;
  ledger.users.set(userId, { username, handle: null });

  await call(ctx, 'POST /api/account/verify', '/api/account/verify', { password: PASSWORD });
  const first = await register(ctx, userId, ctx.devices.platform, 'this-device');
  await call(ctx, 'POST /api/account/logout', '/api/account/logout', {});
  await signIn(ctx, first);

  const placed = await call(ctx, 'POST /api/p2p/orders', '/api/p2p/orders', {
    amount: `0.${String(ctx.n).padStart(3, '0')}15`,
    asset: 'BTC',
  });
  const order = (placed.body as { order: { id: string; amount: string; asset: string } }).order;
  ledger.orders.set(order.id, { userId, released: false });
  const details = { orderId: order.id, amount: order.amount, asset: order.asset };
  const receipt = await stepUp(ctx, userId, first, 'p2p.release', details);
  const releasePath = `/api/p2p/orders/${encodeURIComponent(order.id)}/release`;
  await call(ctx, 'POST /api/p2p/orders/:id/release', releasePath, { receipt });
  const entry = [...ledger.receipts.values()].find((r) => r.receipt === receipt);
  if (entry) entry.used = true;
  (ledger.orders.get(order.id) as { released: boolean }).released = true;
  if (ctx.replay) await replay(ctx, 'POST /api/p2p/orders/:id/release', releasePath, { receipt }, REPLAYED);

  const name = `Laptop ${ctx.n}`;
  await call(ctx, 'PATCH /api/passkeys/:id', `/api/passkeys/${encodeURIComponent(first)}`, { name });
  (ledger.credentials.get(first) as { name: string }).name = name;
  await call(ctx, 'GET /api/passkeys', '/api/passkeys');

  await stepUp(ctx, userId, first, 'account.verify', {});
  const second = await register(ctx, userId, ctx.devices.securityKey, 'security-key');
  if (ctx.limitRace) await raceToLimit(ctx, userId);

  const gone = ctx.n % 2 === 1 ? first : second;
  await call(ctx, 'DELETE /api/passkeys/:id', `/api/passkeys/${encodeURIComponent(gone)}`, { confirm: true });
  (ledger.credentials.get(gone) as { removed: boolean }).removed = true;
  // The user's devices forget it too, as after removing it in the operating system.
  ctx.devices.platform.remove(gone);
  ctx.devices.securityKey.remove(gone);
  // The session survives unless its own passkey went: it may replay the receipt at the end.
  if (gone !== first && entry) entry.replayer = ctx.browser;
}
