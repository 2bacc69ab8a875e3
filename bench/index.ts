/**
 * `pnpm bench`: every benchmark of the project, in one process, so the ratios it prints were
 * measured in the same run on the same (shared, noisy) machine. Not part of CI.
 */
import { benchBundle } from './bundle';
import { benchCeremony } from './ceremony';
import { benchHttpLogin } from './http-login';
import { benchScale } from './scale';

const only = process.argv.slice(2).filter((a) => a !== '--');
const suites: Array<[string, () => Promise<unknown>]> = [
  ['ceremony', benchCeremony],
  ['http', benchHttpLogin],
  ['bundle', benchBundle],
  ['scale', benchScale],
];
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
