/**
 * A P2P release as the page runs it: an open order (placed now when the account has none), the
 * passkey step-up for exactly that order, then the release with its receipt. A release the
 * server acknowledged is replayed at once with the same receipt, which must be refused.
 */

import { receiptId } from '../load/wire';
import { type ClientDeps, type CrashClient, ServerDown } from './client';
import { stepUp } from './operations';
import { replayRefused } from './replays';

let placed = 0;

async function openOrder(deps: ClientDeps, c: CrashClient, open: string[]): Promise<string> {
  const known = open.shift();
  if (known !== undefined) return known;
  placed += 1;
  const body = { amount: `0.${String(placed).padStart(4, '0')}5`, asset: 'ETH' };
  const answer = await c.must(null, 'POST /api/p2p/orders', '/api/p2p/orders', body);
  const order = (answer.body as { order: { id: string; amount: string; asset: string } }).order;
  const details = { orderId: order.id, amount: order.amount, asset: order.asset };
  deps.ledger.orders.set(order.id, { username: c.state.username, details, releases: [] });
  return order.id;
}

/** Steps up for and releases one of `open` (the account's open orders), or a new order. */
export async function releaseOne(deps: ClientDeps, c: CrashClient, open: string[]): Promise<void> {
  const orderId = await openOrder(deps, c, open);
  const order = deps.ledger.orders.get(orderId);
  if (!order) throw new Error(`unknown order ${orderId}`);
  const receipt = await stepUp(deps, c, 'p2p.release', order.details);
  const jti = receiptId(receipt);
  const sent = deps.ledger.receipts.get(jti);
  if (sent) sent.sent = true;
  const attempt = { jti, outcome: 'unknown' as const };
  order.releases.push(attempt);
  const path = `/api/p2p/orders/${encodeURIComponent(orderId)}/release`;
  const { outcome, answer } = await c.send('release', 'POST /api/p2p/orders/:id/release', path, { receipt });
  (attempt as { outcome: string }).outcome = outcome;
  if (outcome === 'refused') deps.unexpected.push(`release: ${answer?.status} ${answer?.code}`);
  if (outcome !== 'acked') throw new ServerDown();
  const route = 'POST /api/p2p/orders/:id/release (replay)';
  if ((await replayRefused(deps, c, route, path, { receipt })) === 'accepted') {
    deps.violations.push(`receipt ${jti}: released twice`);
  }
}
