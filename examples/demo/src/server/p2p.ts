import { createHash, randomBytes } from 'node:crypto';
import { isPasskeyError, type PasskeyServer } from '@acme/passkey-server';
import { AMOUNT_MAX_DECIMALS, AMOUNT_MAX_INTEGER_DIGITS, amountProblem } from '../common/rules';
import { type DemoData, memoryData, type OrderRecord } from './data';
import { DemoError } from './errors';

/** A P2P sell order. `amount` is the decimal string the user sent, kept verbatim. */
export interface Order {
  id: string;
  amount: string;
  asset: string;
  status: 'open' | 'released';
}

const ASSET = /^[A-Z][A-Z0-9]{1,9}$/;

/** The step-up action that releasing crypto needs, and the details its receipt is bound to. */
export const RELEASE_ACTION = 'p2p.release';
export const releaseDetails = (order: Order) => ({
  orderId: order.id,
  amount: order.amount,
  asset: order.asset,
});

const view = ({ id, amount, asset, status }: OrderRecord): Order => ({ id, amount, asset, status });
const hashOf = (receipt: string) => createHash('sha256').update(receipt).digest('base64url');
const notOpen = () => new DemoError('ORDER_NOT_OPEN', 'This order was already released');

/**
 * Sell orders, each owned by one user. Releasing one needs a passkey step-up receipt issued for
 * exactly this user, action and `{ orderId, amount, asset }`: the SDK checks and consumes it.
 */
export function createOrders(passkeys: Pick<PasskeyServer, 'verifyReceipt'>, data: DemoData = memoryData()) {
  async function owned(userId: string, id: string): Promise<OrderRecord> {
    const order = await data.order(id);
    if (!order || order.userId !== userId) throw new DemoError('ORDER_NOT_FOUND', 'No such order');
    return order;
  }

  return {
    async create(userId: string, input: { amount?: unknown; asset?: unknown }): Promise<Order> {
      const { amount, asset } = input;
      // The page checks the same rule (src/common/rules.ts) before sending.
      if (typeof amount !== 'string' || amountProblem(amount) !== null) {
        throw new DemoError(
          'INVALID_REQUEST',
          `amount must be a positive decimal string, such as "0.015", with at most ${AMOUNT_MAX_INTEGER_DIGITS} digits before the point and ${AMOUNT_MAX_DECIMALS} after`,
        );
      }
      if (typeof asset !== 'string' || !ASSET.test(asset)) {
        throw new DemoError('INVALID_REQUEST', 'asset must be a ticker in capitals, such as "BTC"');
      }
      const order: OrderRecord = {
        id: `o_${randomBytes(9).toString('base64url')}`,
        userId,
        amount,
        asset,
        status: 'open',
      };
      await data.insertOrder(order);
      return view(order);
    },

    async list(userId: string): Promise<Order[]> {
      return (await data.ordersOf(userId)).map(view);
    },

    /**
     * Releases an open order once its receipt verifies (a reused or foreign receipt is refused),
     * exactly once even across a crash: the receipt is noted on the order before the SDK spends
     * it, so a release cut off between the spend and the order update finishes when the same
     * receipt comes back. A spent receipt was verified for exactly this user and order (the SDK
     * spends only what passed its checks), so finishing is what the owner approved.
     */
    async release(userId: string, id: string, receipt: unknown): Promise<Order> {
      if (typeof receipt !== 'string' || receipt === '') {
        throw new DemoError('RECEIPT_REQUIRED', 'Verify this release with a passkey first');
      }
      const order = await owned(userId, id);
      const hash = hashOf(receipt);
      const noted = await data.noteReleaseReceipt(id, hash);
      try {
        await passkeys.verifyReceipt(receipt, {
          userId,
          action: RELEASE_ACTION,
          details: releaseDetails(order),
        });
      } catch (err) {
        const interrupted =
          noted && isPasskeyError(err, 'RECEIPT_REPLAYED') && (await data.order(id))?.releaseReceipt === hash;
        if (!interrupted) throw err;
      }
      // Two valid receipts for one order release it once.
      if (!noted || !(await data.releaseOrder(id))) throw notOpen();
      return view({ ...order, status: 'released' });
    },
  };
}

/** The orders of one demo. */
export type Orders = ReturnType<typeof createOrders>;
