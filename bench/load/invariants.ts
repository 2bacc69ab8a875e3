/**
 * The load run's invariants, judged on the data itself (a {@link Snapshot}) against what the
 * virtual users were told (the {@link Ledger}). Each check lists its first offenders.
 */
import type { Ledger } from './ledger';
import type { Snapshot } from './snapshot';

/** One invariant's verdict. */
export interface Verdict {
  name: string;
  ok: boolean;
  /** What was checked, or the first offenders. */
  detail: string;
}

const LIMIT = 10;

function verdict(name: string, offenders: string[], checked: string): Verdict {
  const shown = offenders.slice(0, 5).join('; ');
  const more = offenders.length > 5 ? ` (+${offenders.length - 5} more)` : '';
  return { name, ok: offenders.length === 0, detail: offenders.length === 0 ? checked : shown + more };
}

export function checkLoadInvariants(ledger: Ledger, data: Snapshot): Verdict[] {
  const perUser = new Map<string, number>();
  const byId = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const row of data.credentials) {
    perUser.set(row.user_id, (perUser.get(row.user_id) ?? 0) + 1);
    byId.set(row.id, (byId.get(row.id) ?? 0) + 1);
    const key = row.public_key.toString('base64');
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const most = Math.max(0, ...perUser.values());
  const overLimit = [...perUser].filter(([, n]) => n > LIMIT).map(([user, n]) => `${user} has ${n}`);

  const twice = [...byId].filter(([, n]) => n > 1).map(([id, n]) => `id ${id} ×${n}`);
  twice.push(...[...byKey].filter(([, n]) => n > 1).map(([, n]) => `a public key ×${n}`));
  const stored = new Map(data.credentials.map((r) => [r.id, r]));
  const mismatched: string[] = [];
  for (const [id, row] of stored) {
    const seen = ledger.credentials.get(id);
    if (!seen) mismatched.push(`${id}: never acknowledged`);
    else if (seen.removed) mismatched.push(`${id}: removed, still stored`);
    else if (seen.userId !== row.user_id) mismatched.push(`${id}: stored for another user`);
    else if (!Buffer.from(seen.publicKey).equals(row.public_key))
      mismatched.push(`${id}: another public key`);
    else if (seen.name !== row.name) mismatched.push(`${id}: name ${row.name} ≠ ${seen.name}`);
    else if (ledger.users.get(row.user_id)?.handle !== row.user_handle) mismatched.push(`${id}: user handle`);
  }
  for (const [id, seen] of ledger.credentials) {
    if (!seen.removed && !stored.has(id)) mismatched.push(`${id}: acknowledged, missing`);
  }

  const counters: string[] = [];
  for (const row of data.credentials) {
    const seen = ledger.credentials.get(row.id);
    if (!seen) continue;
    const counter = Number(row.counter);
    if (counter < seen.counter) counters.push(`${row.id}: stored ${counter} < acknowledged ${seen.counter}`);
    if (counter > seen.counter) counters.push(`${row.id}: stored ${counter} > any sent (${seen.counter})`);
    if (counter > 0 && row.last_used_at === null) counters.push(`${row.id}: used, no last_used_at`);
  }

  const receipts: string[] = [];
  for (const [jti, r] of ledger.receipts) {
    if (r.used && data.receipts.has(jti)) receipts.push(`${jti} (${r.action}): used, still spendable`);
    if (!r.used) receipts.push(`${jti} (${r.action}): issued, never used by the flow`);
  }
  const releases = new Map<string, number>();
  for (const r of ledger.receipts.values()) {
    if (r.used && r.orderId) releases.set(r.orderId, (releases.get(r.orderId) ?? 0) + 1);
  }
  receipts.push(
    ...[...releases].filter(([, n]) => n > 1).map(([order, n]) => `order ${order} released by ${n}`),
  );

  const orphans: string[] = [];
  for (const row of data.credentials) {
    if (!data.accounts.has(row.user_id)) orphans.push(`passkey ${row.id} of no account`);
  }
  for (const id of data.accounts.keys()) if (!ledger.users.has(id)) orphans.push(`account ${id}: unknown`);
  for (const id of ledger.users.keys()) if (!data.accounts.has(id)) orphans.push(`account ${id}: lost`);
  for (const [id, order] of data.orders) {
    const seen = ledger.orders.get(id);
    if (!seen) orphans.push(`order ${id}: unknown`);
    else if ((order.status === 'released') !== seen.released) orphans.push(`order ${id}: ${order.status}`);
  }
  for (const id of ledger.orders.keys()) if (!data.orders.has(id)) orphans.push(`order ${id}: lost`);
  if (data.ceremonies.size > 0) orphans.push(`${data.ceremonies.size} ceremonies started and never finished`);
  if (data.sqlChallenges > 0) orphans.push(`${data.sqlChallenges} rows in the SQL challenge table`);

  return [
    verdict(
      'no user over the passkey limit',
      overLimit,
      `most passkeys on one account: ${most} (limit ${LIMIT})`,
    ),
    verdict(
      'no credential stored twice; every row as acknowledged',
      [...twice, ...mismatched],
      `${data.credentials.length} rows, ${ledger.credentials.size} passkeys acknowledged`,
    ),
    verdict(
      'counters never moved back',
      counters,
      `${data.credentials.length} stored counters = highest acknowledged`,
    ),
    verdict(
      'every receipt used at most once',
      receipts,
      `${ledger.receipts.size} receipts, none spendable again; ${ledger.replaysRefused} replays refused`,
    ),
    verdict(
      'no orphan or partial rows',
      orphans,
      `${data.accounts.size} accounts, ${data.orders.size} orders, 0 leftover ceremonies`,
    ),
  ];
}
