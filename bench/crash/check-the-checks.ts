/**
 * The crash checks must be able to fail: each is run again on the last snapshot with one
 * violation planted (a passkey row nobody registered, one with another public key, an
 * acknowledged passkey gone, a counter below an acknowledged one, an acknowledged account gone,
 * an order released with no receipt spent for it) and must report it.
 */
import { randomBytes } from 'node:crypto';
import type { CredentialRow, Snapshot } from '../load/snapshot';
import { checkAfterKill, type Findings } from './checks';
import type { CrashLedger } from './ledger';

type Plant = (data: Snapshot, ledger: CrashLedger) => Snapshot | null;

const acked = (d: Snapshot, l: CrashLedger) =>
  d.credentials.find(
    (r) => l.credentials.get(r.id)?.registration === 'acked' && !l.credentials.get(r.id)?.removal,
  );
const rows = (d: Snapshot, keep: (r: CredentialRow) => boolean, add: CredentialRow[] = []) => ({
  ...d,
  credentials: [...d.credentials.filter(keep), ...add],
});

const PLANTS: Array<[keyof Findings, string, Plant]> = [
  [
    'partial',
    'a passkey row nobody registered',
    (d) => {
      const row = d.credentials[0];
      return row ? rows(d, () => true, [{ ...row, id: randomBytes(16).toString('base64url') }]) : null;
    },
  ],
  [
    'partial',
    'a passkey row with another public key',
    (d) => {
      const row = d.credentials[0];
      return row ? rows(d, (r) => r !== row, [{ ...row, public_key: randomBytes(77) }]) : null;
    },
  ],
  [
    'lost',
    'an acknowledged passkey gone',
    (d, l) => {
      const row = acked(d, l);
      return row ? rows(d, (r) => r !== row) : null;
    },
  ],
  [
    'lost',
    'a counter below an acknowledged one',
    (d, l) => {
      const row = d.credentials.find((r) => (l.credentials.get(r.id)?.ackedCounter ?? 0) > 0);
      const floor = row ? (l.credentials.get(row.id)?.ackedCounter ?? 0) : 0;
      return row ? rows(d, (r) => r !== row, [{ ...row, counter: String(floor - 1) }]) : null;
    },
  ],
  [
    'lost',
    'an acknowledged account gone',
    (d, l) => {
      const user = [...l.users.values()].find((u) => u.signup === 'acked');
      if (!user?.userId) return null;
      const accounts = new Map(d.accounts);
      accounts.delete(user.userId);
      return { ...d, accounts };
    },
  ],
  [
    'partial',
    'an order released with no receipt spent for it',
    (d) => {
      const owner = d.accounts.keys().next().value;
      if (owner === undefined) return null;
      return { ...d, orders: new Map([...d.orders, ['o_planted', { userId: owner, status: 'released' }]]) };
    },
  ],
];

/** The plants a check missed, or could not be planted for lack of data (empty: all caught). */
export function checkTheCrashChecks(ledger: CrashLedger, data: Snapshot): string[] {
  const missed: string[] = [];
  for (const [kind, name, plant] of PLANTS) {
    const planted = plant(data, ledger);
    if (planted === null) missed.push(`${name} (no data to plant in)`);
    else if (checkAfterKill(ledger, planted)[kind].length === 0) missed.push(name);
  }
  return missed;
}

export const CRASH_PLANTS = PLANTS.length;
