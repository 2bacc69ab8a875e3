/** Prints a load run: per-route latencies, throughput, errors and the invariants' verdicts. */
import type { DriveResult } from './drive';
import type { Verdict } from './invariants';
import type { LoadOptions } from './options';
import type { RouteStats } from './route-stats';

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printLoadReport(
  options: LoadOptions,
  machine: string,
  result: DriveResult,
  stats: RouteStats,
  verdicts: Verdict[],
): void {
  const totals = stats.totals();
  console.log(`\n## pnpm load: ${options.users} virtual users, ${options.seconds} s`);
  console.log(`machine: ${machine}\n`);
  console.log('| route | requests | p50 ms | p99 ms | max ms | refused as expected | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of stats.summary()) {
    console.log(
      `| ${r.route} | ${r.requests} | ${ms(r.p50ms)} | ${ms(r.p99ms)} | ${ms(r.maxMs)} | ${r.refused} | ${r.errors} |`,
    );
  }
  const seconds = result.elapsed;
  console.log(
    `\n${result.flows} whole flows in ${seconds.toFixed(1)} s: ${(result.flows / seconds).toFixed(2)} flows/s, ` +
      `${totals.requests} requests: ${(totals.requests / seconds).toFixed(1)} requests/s; ` +
      `errors: ${totals.errors} (flows that failed: ${result.failedFlows})`,
  );
  for (const failure of result.failures.slice(0, 10)) console.log(`  ${failure}`);
  console.log('\ninvariants (read from PostgreSQL and Redis):');
  for (const v of verdicts) console.log(`  ${v.ok ? 'ok  ' : 'FAIL'} ${v.name}: ${v.detail}`);
}
