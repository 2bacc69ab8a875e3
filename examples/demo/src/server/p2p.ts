import { randomBytes } from 'node:crypto';
import type { PasskeyServer } from '@acme/passkey-server';
import { DemoError } from './errors';

/** A P2P sell order. `amount` is the decimal string the user sent, kept verbatim. */
export interface Order {
  id: string;
  amount: string;
  asset: string;
  status: 'open' | 'released';
}

// A positive decimal: no sign, no exponent, no leading zeros, at most 18 decimals.
const AMOUNT = /^(?:0|[1-9]\d{0,17})(?:\.\d{1,18})?$/;
const ASSET = /^[A-Z][A-Z0-9]{1,9}$/;

/** The step-up action that releasing crypto needs, and the details its receipt is bound to. */
export const RELEASE_ACTION = 'p2p.release';
export const releaseDetails = (order: Order) => ({
  orderId: order.id,
  amount: order.amount,
  asset: order.asset,
});

/**
 * Orders in memory, each owned by one user. Releasing one needs a passkey step-up receipt issued
 * for exactly this user, action and `{ orderId, amount, asset }`: the SDK checks and consumes it.
 */
export function createOrders(passkeys: Pick<PasskeyServer, 'verifyReceipt'>) {
  const orders = new Map<string, Order & { userId: string }>();

  const owned = (userId: string, id: string) => {
    const order = orders.get(id);
    if (!order || order.userId !== userId) throw new DemoError('ORDER_NOT_FOUND', 'No such order');
    return order;
  };
  const view = ({ id, amount, asset, status }: Order): Order => ({ id, amount, asset, status });

  return {
    create(userId: string, input: { amount?: unknown; asset?: unknown }): Order {
      const { amount, asset } = input;
      if (typeof amount !== 'string' || !AMOUNT.test(amount) || !/[1-9]/.test(amount)) {
        throw new DemoError('INVALID_REQUEST', 'amount must be a positive decimal string, such as "0.015"');
      }
      if (typeof asset !== 'string' || !ASSET.test(asset)) {
        throw new DemoError('INVALID_REQUEST', 'asset must be a ticker in capitals, such as "BTC"');
      }
      const order = {
        id: `o_${randomBytes(9).toString('base64url')}`,
        amount,
        asset,
        status: 'open' as const,
      };
      orders.set(order.id, { ...order, userId });
      return order;
    },

    list(userId: string): Order[] {
      return [...orders.values()].filter((o) => o.userId === userId).map(view);
    },

    /** Releases an open order once its receipt verifies (a reused or foreign receipt is refused). */
    async release(userId: string, id: string, receipt: unknown): Promise<Order> {
      if (typeof receipt !== 'string' || receipt === '') {
        throw new DemoError('RECEIPT_REQUIRED', 'Verify this release with a passkey first');
      }
      const order = owned(userId, id);
      await passkeys.verifyReceipt(receipt, {
        userId,
        action: RELEASE_ACTION,
        details: releaseDetails(order),
      });
      // Checked after the await: two valid receipts for one order release it once.
      if (order.status !== 'open') throw new DemoError('ORDER_NOT_OPEN', 'This order was already released');
      order.status = 'released';
      return view(order);
    },
  };
}

/** The orders of one demo process. */
export type Orders = ReturnType<typeof createOrders>;
