/**
 * The crash invariants, judged on the data after a kill (the demo dead, its transactions
 * rolled back) against what the clients were told: no partial row, and nothing acknowledged
 * lost. It reads the ledger and changes nothing, so it can be run again on planted data.
 */
import type { Snapshot } from '../load/snapshot';
import type { CrashLedger } from './ledger';

/** Findings of one check, by invariant. */
export interface Findings {
  partial: string[];
  lost: string[];
}

/** Redis keeps a receipt's ID 180 s (its 120 s lifetime + 60 s): check only younger ones. */
const RECEIPT_CHECK_MS = 150_000;

export function checkAfterKill(ledger: CrashLedger, data: Snapshot): Findings {
  const f: Findings = { partial: [], lost: [] };
  const usernames = new Set(ledger.users.keys());
  for (const username of data.accounts.values()) {
    if (!usernames.has(username)) f.partial.push(`account ${username}: nobody signed it up`);
  }
  const stored = new Map(data.credentials.map((row) => [row.id, row]));
  for (const row of data.credentials) {
    const seen = ledger.credentials.get(row.id);
    const user = seen && ledger.users.get(seen.username);
    if (!seen || !user) f.partial.push(`passkey ${row.id}: never registered`);
    else if (seen.registration === 'refused') f.partial.push(`passkey ${row.id}: stored though refused`);
    else if (user.userId !== row.user_id || !data.accounts.has(row.user_id))
      f.partial.push(`passkey ${row.id}: wrong or no account`);
    else if (!Buffer.from(seen.publicKey).equals(row.public_key))
      f.partial.push(`passkey ${row.id}: another public key`);
    else if (row.user_handle !== user.handle) f.partial.push(`passkey ${row.id}: another user handle`);
    else if (!row.name || row.created_at === null)
      f.partial.push(`passkey ${row.id}: no name or creation time`);
    else if (Number(row.counter) > seen.sentCounter)
      f.partial.push(`passkey ${row.id}: counter ${row.counter} never sent`);
  }
  for (const [id, order] of data.orders) {
    if (!data.accounts.has(order.userId)) f.partial.push(`order ${id}: of no account`);
    const attempts = ledger.orders.get(id)?.releases.filter((r) => r.outcome !== 'refused') ?? [];
    if (order.status === 'released' && !attempts.some((r) => !data.receipts.has(r.jti))) {
      f.partial.push(`order ${id}: released, yet no receipt sent for it was spent`);
    }
  }

  for (const user of ledger.users.values()) {
    if (user.signup === 'acked' && !data.accounts.has(user.userId as string))
      f.lost.push(`account ${user.username}`);
  }
  for (const [id, seen] of ledger.credentials) {
    const row = stored.get(id);
    const mayBeGone = seen.removal === 'acked' || seen.removal === 'unknown';
    if (seen.registration === 'acked' && !mayBeGone && !row) f.lost.push(`passkey ${id}`);
    if (seen.removal === 'acked' && row) f.lost.push(`removal of passkey ${id}`);
    if (row && Number(row.counter) < seen.ackedCounter)
      f.lost.push(`passkey ${id}: counter ${row.counter} < acknowledged ${seen.ackedCounter}`);
  }
  for (const [id, order] of ledger.orders) {
    const row = data.orders.get(id);
    if (!row) f.lost.push(`order ${id}`);
    else if (order.releases.some((r) => r.outcome === 'acked') && row.status !== 'released')
      f.lost.push(`release of ${id}`);
  }
  for (const [jti, r] of ledger.receipts) {
    if (Date.now() - r.issuedAt > RECEIPT_CHECK_MS || r.action === 'unknown') continue;
    if (r.action === 'account.verify' && data.receipts.has(jti))
      f.partial.push(`account.verify receipt ${jti}: not spent`);
    if (r.action === 'p2p.release' && !r.sent && !data.receipts.has(jti))
      f.lost.push(`receipt ${jti}: issued, gone unused`);
  }
  return f;
}
