/**
 * After the run, receipts come back: up to `max` release receipts, each sent again for its own
 * order by its own (still signed-in) browser, long after its first use. Each must be refused
 * with `RECEIPT_REPLAYED`; a release is never approved twice.
 */
import { replay } from './flow-context';
import type { Ledger } from './ledger';
import type { RouteStats } from './route-stats';

/** Replays a sample of used release receipts; returns how many were sent. */
export async function replayReceiptSample(ledger: Ledger, stats: RouteStats, max = 50): Promise<number> {
  const sample = [...ledger.receipts.values()].filter((r) => r.used && r.orderId && r.replayer).slice(0, max);
  for (const r of sample) {
    const path = `/api/p2p/orders/${encodeURIComponent(r.orderId as string)}/release`;
    const ctx = { browser: r.replayer as NonNullable<typeof r.replayer>, stats, ledger };
    try {
      const refusal = { status: 409, code: 'RECEIPT_REPLAYED' };
      await replay(
        ctx,
        'POST /api/p2p/orders/:id/release',
        path,
        { receipt: r.receipt },
        refusal,
        'replay after the run',
      );
    } finally {
      ctx.browser.close();
    }
  }
  return sample.length;
}
