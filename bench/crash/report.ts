/** Prints a crash run: the kills, what was in flight at each, and the invariants' verdicts. */

import type { KillRecord } from './killer';
import type { ReleaseFates } from './releases';

/** Every finding of the run, summed over the checks after each kill. */
export interface CrashTotals {
  partial: string[];
  lost: string[];
  doubleUse: string[];
  unexpected: string[];
  releases: ReleaseFates;
  replays: { refused: number; firstUse: number; finished: number };
  startsMs: number[];
}

const count = <T extends string>(items: T[]) => {
  const by = new Map<string, number>();
  for (const item of items) by.set(item, (by.get(item) ?? 0) + 1);
  return [...by].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const line = (ok: boolean, name: string, detail: string) =>
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
const first = (xs: string[]) =>
  xs.slice(0, 5).join('; ') + (xs.length > 5 ? ` (+${xs.length - 5} more)` : '');

export function printCrashReport(kills: KillRecord[], t: CrashTotals, machine: string): boolean {
  console.log(`\n## pnpm crash: ${kills.length} SIGKILLs`);
  console.log(`machine: ${machine}`);
  console.log(`kills by target: ${count(kills.map((k) => k.target)).join(', ')}`);
  const after = kills.map((k) => k.afterSendMs);
  console.log(
    `signal after the targeted request was sent: min ${Math.min(...after).toFixed(1)} ms, median ${median(after).toFixed(1)} ms, max ${Math.max(...after).toFixed(1)} ms`,
  );
  console.log(
    `in flight at the kills (requests by route, summed): ${count(kills.flatMap((k) => k.inFlight)).join(', ')}`,
  );
  console.log(
    `operations in flight at one kill: ${count(kills.map((k) => `${k.inFlight.length} in flight`)).join(', ')}`,
  );
  console.log('each kill: its target, the signal after the request was sent, PostgreSQL, what was in flight');
  kills.forEach((k, i) => {
    const routes = count(k.inFlight.map((r) => r.replace(/\/api\/(passkeys|p2p|account)\//, ''))).join(', ');
    const pg = `${k.pgActive} running, ${k.pgInTransaction} in a transaction`;
    console.log(`  #${i + 1} ${k.target} +${k.afterSendMs.toFixed(1)} ms · pg ${pg} · ${routes}`);
  });
  const active = kills.filter((k) => k.pgActive > 0).length;
  const tx = kills.filter((k) => k.pgInTransaction > 0).length;
  console.log(
    `PostgreSQL just before the signal: a statement running in ${active} kills, a transaction open between two of its statements in ${tx}`,
  );
  console.log(
    `restarts: ${t.startsMs.length}, median start ${median(t.startsMs).toFixed(0)} ms (storage opened and migrated)`,
  );

  const r = t.releases;
  console.log('\ninvariants (read from PostgreSQL and Redis after each kill, with the demo down):');
  line(
    t.partial.length === 0,
    'no partial row',
    t.partial.length === 0
      ? 'every passkey row complete and as registered; every order consistent'
      : first(t.partial),
  );
  line(
    t.lost.length === 0,
    'nothing acknowledged lost',
    t.lost.length === 0
      ? 'every 2xx reflected (accounts, passkeys, removals, counters, orders, releases, receipts)'
      : first(t.lost),
  );
  line(
    t.doubleUse.length === 0,
    'no ceremony or receipt usable twice',
    t.doubleUse.length === 0
      ? `${t.replays.refused} replays refused (${t.replays.firstUse} ceremonies a kill came before, which Redis still held, were used once, then refused)`
      : first(t.doubleUse),
  );
  line(
    r.doneNotSpent.length === 0 && r.spentNotDone.length === t.replays.finished,
    'a release happens exactly once: with its receipt spent, or (cut off between the two) finished by the same receipt',
    `releases in flight at a kill: ${r.done} done (receipt spent), ${r.notDone} not done (receipt intact), ` +
      `${r.spentNotDone.length} cut off after the receipt was spent, ${t.replays.finished} of them finished by the same receipt after the restart, ` +
      `${r.doneNotSpent.length} released with the receipt unspent`,
  );
  line(
    t.unexpected.length === 0,
    'no unexpected answer',
    t.unexpected.length === 0 ? 'none' : first(t.unexpected),
  );
  return (
    [t.partial, t.lost, t.doubleUse, t.unexpected, r.doneNotSpent].every((x) => x.length === 0) &&
    r.spentNotDone.length === t.replays.finished
  );
}
