/**
 * `pnpm bench`: every benchmark of the project, in one process, so the ratios it prints were
 * measured in the same run on the same (shared, noisy) machine. Not part of CI.
 */

import { checkBaseline, writeBaseline } from './baseline';
import { benchBundle } from './bundle';
import { benchCeremony, type CeremonyFigures } from './ceremony';
import { benchHttpLogin } from './http-login';
import { benchHandler, type HandlerFigures } from './http-verify';
import { writeReport } from './report';
import { benchScale } from './scale';

const args = process.argv.slice(2).filter((a) => a !== '--');
// --check: compare the verification ratios with bench/baseline.json; --baseline: rewrite it.
const flags = new Set(args.filter((a) => a.startsWith('--')));
const only = args.filter((a) => !a.startsWith('--'));
const figures: { ceremony?: CeremonyFigures; handler?: HandlerFigures } = {};
const suites: Array<[string, () => Promise<unknown>]> = [
  ['ceremony', async () => (figures.ceremony = await benchCeremony())],
  ['handler', async () => (figures.handler = await benchHandler())],
  ['http', benchHttpLogin],
  ['bundle', benchBundle],
  ['scale', benchScale],
];
/** The verification report, as soon as its two suites have run (later suites may take long or fail). */
function report(): void {
  if (!figures.ceremony || !figures.handler) return;
  console.log('\n## ratios (docs/benchmarks.md)');
  writeReport(figures.ceremony, figures.handler);
  if (flags.has('--baseline')) writeBaseline(figures.ceremony, figures.handler);
  if (flags.has('--check') && !checkBaseline(figures.ceremony, figures.handler)) process.exitCode = 1;
}

for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  try {
    await run();
  } catch (err) {
    // One suite failing (a service down, a demo that changed) leaves the others' figures.
    console.error(`suite ${name} failed:`, err);
    process.exitCode = 1;
  }
  if (name === 'handler') report();
}
if (flags.has('--check') && !(figures.ceremony && figures.handler)) {
  console.error('bench --check needs the ceremony and handler suites');
  process.exitCode = 1;
}
