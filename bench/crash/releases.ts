/**
 * What became of each release that was in flight at a kill (its answer lost): done with its
 * receipt spent, or not done with its receipt intact — anything else is half a release. Read
 * with the demo down, once per release.
 */
import type { Snapshot } from '../load/snapshot';
import type { CrashLedger } from './ledger';

export interface ReleaseFates {
  done: number;
  notDone: number;
  /** The receipt was taken, the order not yet marked released: the same receipt must finish it. */
  spentNotDone: string[];
  /** The order was released while its receipt can still be spent: a release for free. */
  doneNotSpent: string[];
}

export const noFates = (): ReleaseFates => ({ done: 0, notDone: 0, spentNotDone: [], doneNotSpent: [] });

/** Judges the releases left unanswered by kill number `kill`, adding them to `fates`. */
export function judgeReleases(ledger: CrashLedger, data: Snapshot, kill: number, fates: ReleaseFates): void {
  for (const [id, order] of ledger.orders) {
    const row = data.orders.get(id);
    const last = order.releases.at(-1);
    if (!row || !last || last.outcome !== 'unknown' || last.judged) continue;
    last.judged = true;
    const spent = !data.receipts.has(last.jti);
    if (row.status === 'released' && spent) fates.done += 1;
    else if (row.status === 'open' && !spent) fates.notDone += 1;
    else if (spent) {
      // Cut off between the spend and the order update: the same receipt must finish it later.
      fates.spentNotDone.push(`order ${id} (kill ${kill})`);
      const receipt = ledger.receipts.get(last.jti);
      if (receipt) receipt.interrupted = true;
    } else fates.doneNotSpent.push(`order ${id} (kill ${kill})`);
  }
}
