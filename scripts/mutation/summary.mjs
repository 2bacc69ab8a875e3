/**
 * Reads Stryker's JSON report (reports/mutation/mutation.json) and prints, per folder of the
 * mutated scope: killed, timed out, survived, no coverage, survivors listed as equivalent, ignored
 * (static; message text), Stryker's score and the score without the listed equivalents; then every
 * surviving mutant not listed as equivalent in docs/mutation.md. Also written to
 * reports/mutation/summary.md. Exits 1 when a test file of the scope ran no test under Stryker (a
 * sandbox that cannot load a suite still "passes" its dry run) or a survivor is unexplained.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reportPath = path.join(root, 'reports/mutation/mutation.json');
if (!existsSync(reportPath)) {
  console.error('No report at reports/mutation/mutation.json: run `pnpm mutation` first.');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const rel = (file) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');

/** packages/server/src/webauthn/signature/x.ts → server/webauthn; packages/core/src/policy/x.ts → core/policy. */
const folderOf = (file) => {
  const [, pkg, , folder] = rel(file).split('/');
  return `${pkg}/${folder}`;
};

/** `file:line mutator` of each mutant docs/mutation.md lists as equivalent (its table's first columns). */
function equivalents() {
  const doc = path.join(root, 'docs/mutation.md');
  if (!existsSync(doc)) return new Set();
  const keys = new Set();
  for (const m of readFileSync(doc, 'utf8').matchAll(
    /^\|\s*`([^`]+\.ts)`\s*\|\s*(\d+)\s*\|\s*(\w+)\s*\|/gm,
  )) {
    keys.add(`${m[1]}:${m[2]} ${m[3]}`);
  }
  return keys;
}

const COLUMNS = ['killed', 'timeout', 'survived', 'no cov', 'equivalent', 'static', 'message', 'errors'];
const rows = new Map();
const row = (name) => {
  if (!rows.has(name)) rows.set(name, Object.fromEntries(COLUMNS.map((c) => [c, 0])));
  return rows.get(name);
};
const listed = equivalents();
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  for (const m of mutants) {
    const counts = [row(folderOf(file)), row('all')];
    const column =
      m.status === 'Killed'
        ? 'killed'
        : m.status === 'Timeout'
          ? 'timeout'
          : m.status === 'Survived'
            ? 'survived'
            : m.status === 'NoCoverage'
              ? 'no cov'
              : m.status === 'Ignored'
                ? /static/i.test(m.statusReason ?? '')
                  ? 'static'
                  : 'message'
                : 'errors';
    for (const c of counts) c[column]++;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const key = `${rel(file)}:${m.location.start.line} ${m.mutatorName}`;
      const code = (lines[m.location.start.line - 1] ?? '').trim();
      if (listed.has(key)) for (const c of counts) c.equivalent++;
      survivors.push({
        key,
        equivalent: listed.has(key),
        code,
        replacement: m.replacement,
        status: m.status,
      });
    }
  }
}

/** Stryker's score (detected of all valid mutants), and the same without the listed equivalents. */
const score = (r, withoutEquivalents = false) => {
  const detected = r.killed + r.timeout;
  const valid = detected + r.survived + r['no cov'] - (withoutEquivalents ? r.equivalent : 0);
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)}%`;
};
const out = [];
out.push(
  `| folder | ${COLUMNS.join(' | ')} | score | without equivalents |`,
  `| --- | ${COLUMNS.map(() => '---:').join(' | ')} | ---: | ---: |`,
);
const names = [...rows.keys()].filter((n) => n !== 'all').sort();
for (const name of [...names, 'all']) {
  const r = rows.get(name);
  const label = name === 'all' ? '**all**' : `\`${name}\``;
  out.push(`| ${label} | ${COLUMNS.map((c) => r[c]).join(' | ')} | ${score(r)} | ${score(r, true)} |`);
}

// A test file that loaded no test under Stryker: its suite failed to import in the sandbox.
const ranTests = new Set(Object.keys(report.testFiles ?? {}).map(rel));
const expected = ['server', 'core'].flatMap((pkg) =>
  ['src', 'test'].flatMap((dir) =>
    (readdirSync(path.join(root, 'packages', pkg, dir), { recursive: true, encoding: 'utf8' }) ?? [])
      .filter((f) => f.endsWith('.test.ts') && !f.split(path.sep).includes('node_modules'))
      .map((f) => rel(path.join('packages', pkg, dir, f))),
  ),
);
// vitest.mutation.config.ts leaves these out, each for its reason (docs/mutation.md).
const skippedByConfig = [
  'packages/server/test/runtime-agnostic.test.ts',
  'packages/server/test/route-table.test.ts',
  'packages/server/test/memory/bounded.test.ts',
];
const silent = expected.filter((f) => !ranTests.has(f) && !skippedByConfig.includes(f));

const unexplained = survivors.filter((s) => !s.equivalent);
out.push(
  '',
  `Surviving mutants listed as equivalent in docs/mutation.md: ${survivors.length - unexplained.length}`,
);
out.push(`Surviving mutants not listed: ${unexplained.length}`);
for (const s of unexplained) out.push(`- ${s.key} [${s.status}] \`${s.code}\` → \`${s.replacement}\``);
if (silent.length > 0)
  out.push('', 'Test files that ran no test under Stryker:', ...silent.map((f) => `- ${f}`));

const text = out.join('\n');
console.log(text);
writeFileSync(path.join(root, 'reports/mutation/summary.md'), `${text}\n`);
if (silent.length > 0 || unexplained.length > 0) process.exitCode = 1;
