/**
 * A check that cannot fail proves nothing: each invariant is run again on a copy of the data
 * with one violation planted for it (an eleventh passkey, a row stored twice, a counter moved
 * back, a used receipt spendable again, a passkey of no account), and must then fail.
 */
import { randomBytes } from 'node:crypto';
import { checkLoadInvariants } from './invariants';
import type { Ledger } from './ledger';
import type { CredentialRow, Snapshot } from './snapshot';

type Plant = (data: Snapshot, ledger: Ledger) => Snapshot;

const clone = (row: CredentialRow, changes: Partial<CredentialRow>): CredentialRow => ({
  ...row,
  ...changes,
});

const PLANTS: Array<[string, Plant]> = [
  [
    'no user over the passkey limit',
    (d) => {
      const row = d.credentials[0] as CredentialRow;
      const more = Array.from({ length: 11 }, () =>
        clone(row, { id: randomBytes(16).toString('base64url'), public_key: randomBytes(77) }),
      );
      return { ...d, credentials: [...d.credentials, ...more] };
    },
  ],
  [
    'no credential stored twice; every row as acknowledged',
    (d) => ({ ...d, credentials: [...d.credentials, d.credentials[0] as CredentialRow] }),
  ],
  [
    'counters never moved back',
    (d, ledger) => ({
      ...d,
      credentials: d.credentials.map((row) => {
        const acknowledged = ledger.credentials.get(row.id)?.counter ?? 0;
        return acknowledged > 0 ? clone(row, { counter: String(acknowledged - 1) }) : row;
      }),
    }),
  ],
  [
    'every receipt used at most once',
    (d, ledger) => {
      const used = [...ledger.receipts].find(([, r]) => r.used)?.[0] ?? '';
      return { ...d, receipts: new Set([...d.receipts, used]) };
    },
  ],
  [
    'no orphan or partial rows',
    (d) => ({
      ...d,
      credentials: [
        ...d.credentials.slice(1),
        clone(d.credentials[0] as CredentialRow, { user_id: 'u_nobody' }),
      ],
    }),
  ],
];

/** The invariants that did NOT catch their planted violation (empty: every one did). */
export function checkTheChecks(ledger: Ledger, data: Snapshot): string[] {
  if (data.credentials.length === 0) return PLANTS.map(([name]) => `${name} (no data to plant in)`);
  const missed: string[] = [];
  for (const [name, plant] of PLANTS) {
    const verdict = checkLoadInvariants(ledger, plant(data, ledger)).find((v) => v.name === name);
    if (!verdict || verdict.ok) missed.push(name);
  }
  return missed;
}

/** How many planted violations there are. */
export const PLANTED = PLANTS.length;
