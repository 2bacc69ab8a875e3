// `pnpm memory`, by hand (never in CI): abandoned ceremonies at full size.
//  1. The memory challenge store's heap, each figure from a child process of its own
//     (node --expose-gc): 1,000 vs 100,000 ceremonies started through the real server and never
//     finished, all at one instant or 100 ms apart on the injected clock (TTL 300 s).
//  2. The expiry tests of PostgreSQL, MySQL/MariaDB and Redis, and the memory store's count
//     tests, with PASSKEY_MEMORY_CEREMONIES (default 100,000 here).
// Every service must be there: PASSKEY_REQUIRE_SERVICES=1.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const server = fileURLToPath(new URL('../../packages/server', import.meta.url));
const count = process.env.PASSKEY_MEMORY_CEREMONIES ?? '100000';
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const kb = (bytes) => `${bytes >= 0 ? '+' : ''}${Math.round(bytes / 1024)}`;

console.log('## Memory challenge store: heapUsed after full collections, MB (Δ from baseline in KB)\n');
console.log(
  '| ceremonies | clock between starts | baseline | peak during the run | alive at the end | expired and swept | Δ expired | sampled IDs still held |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const stepMs of [0, 100]) {
  for (const n of [1000, Number(count)]) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'test/memory/heap-child.ts', String(n), String(stepMs)],
      { cwd: server, encoding: 'utf8' },
    );
    const m = JSON.parse(out.trim().split('\n').at(-1));
    const step = stepMs === 0 ? 'none (one instant)' : `${stepMs} ms`;
    console.log(
      `| ${m.count.toLocaleString('en')} | ${step} | ${mb(m.baseline)} | ${mb(m.peak)} | ${mb(m.alive)} | ${mb(m.expired)} | ${kb(m.expired - m.baseline)} | ${m.sampledLeft} of ${m.sampled} |`,
    );
  }
}

console.log(`\n## ${Number(count).toLocaleString('en')} abandoned ceremonies per store\n`);
const projects = ['server', 'store-postgres', 'store-mysql', 'store-redis'].flatMap((p) => ['--project', p]);
const started = Date.now();
const run = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', ...projects, 'test/memory/bounded.test.ts', 'test/expiry.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PASSKEY_MEMORY_CEREMONIES: count, PASSKEY_REQUIRE_SERVICES: '1' },
  },
);
console.log(`\nstores: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${run.status}`);
process.exit(run.status ?? 1);
