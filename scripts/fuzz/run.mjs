// `pnpm fuzz`, by hand (never in CI): the property tests over every HTTP route with
// PASSKEY_FUZZ_RUNS runs per property (default 10,000; CI runs them with 60–300), then a table
// of the requests each route received, what they were answered, how long it took, and whether
// every route got at least that many. Any 5xx, any change a refusal made, fails a test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.env.PASSKEY_FUZZ_RUNS ?? 10_000);
const report = mkdtempSync(path.join(tmpdir(), 'passkey-fuzz-'));
const files = ['test/properties.test.ts', 'test/hostile/'];

const started = Date.now();
const run = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--project', 'server', '--testTimeout=0', ...files, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PASSKEY_FUZZ_RUNS: String(runs), PASSKEY_FUZZ_REPORT: report },
  },
);
const seconds = Math.round((Date.now() - started) / 1000);

/** route → answer → count, summed over the test files. */
const routes = new Map();
for (const file of readdirSync(report)) {
  const counts = JSON.parse(readFileSync(path.join(report, file), 'utf8'));
  for (const [route, answers] of Object.entries(counts)) {
    const sum = routes.get(route) ?? new Map();
    for (const [answer, n] of Object.entries(answers)) sum.set(answer, (sum.get(answer) ?? 0) + n);
    routes.set(route, sum);
  }
}
rmSync(report, { recursive: true, force: true });

const fmt = (n) => n.toLocaleString('en');
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(`\n## pnpm fuzz: ${fmt(runs)} runs per property, ${seconds} s, vitest exit ${run.status}\n`);
console.log('| route | requests | 2xx | 4xx | 5xx | not handled | most frequent answers |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
let short = 0;
for (const [route, answers] of routes) {
  const by = (test) => [...answers].filter(([a]) => test(a)).reduce((s, [, n]) => s + n, 0);
  const top = [...answers]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([a, n]) => `${a} ${fmt(n)}`)
    .join(', ');
  const n = total(answers);
  if (route !== 'odd paths' && n < runs) short++;
  console.log(
    `| ${route} | ${fmt(n)} | ${fmt(by((a) => a.startsWith('2')))} | ${fmt(by((a) => a.startsWith('4')))} | ${fmt(by((a) => a.startsWith('5')))} | ${fmt(by((a) => a === 'unhandled'))} | ${top} |`,
  );
}
const all = [...routes.values()].reduce((s, m) => s + total(m), 0);
console.log(`\n${fmt(all)} requests in all; ${short} route(s) under ${fmt(runs)}.`);
process.exit(run.status === 0 && short === 0 ? 0 : 1);
