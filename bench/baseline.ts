/**
 * `pnpm bench --check` compares this run's verification ratios with bench/baseline.json and fails
 * on a regression beyond noise; `pnpm bench --baseline` rewrites the file. By hand, not in CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CeremonyFigures } from './ceremony';
import type { HandlerFigures } from './http-verify';
import { ratios } from './report';

const BASELINE = new URL('./baseline.json', import.meta.url);
/** How far a ratio may move the wrong way before it counts as a regression: this machine is noisy. */
const NOISE = 0.3;

/** Compares the ratios with the baseline; false (and why, printed) on a regression beyond noise. */
export function checkBaseline(c: CeremonyFigures, h: HandlerFigures): boolean {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as { ratios: Record<string, number> };
  let ok = true;
  for (const [name, x] of Object.entries(ratios(c, h))) {
    const base = baseline.ratios[name];
    if (base === undefined) continue;
    const worse = x.better === 'higher' ? x.value < base * (1 - NOISE) : x.value > base * (1 + NOISE);
    if (worse) {
      ok = false;
      console.error(
        `regression: ${name} is ${x.value.toFixed(2)}×, baseline ${base.toFixed(2)}× (±${NOISE * 100}%)`,
      );
    }
  }
  console.log(ok ? 'bench --check: no ratio regressed beyond noise' : 'bench --check: FAILED');
  return ok;
}

/** Rewrites the baseline with this run's ratios. */
export function writeBaseline(c: CeremonyFigures, h: HandlerFigures): void {
  const values = Object.fromEntries(
    Object.entries(ratios(c, h)).map(([k, x]) => [k, Number(x.value.toFixed(3))]),
  );
  writeFileSync(BASELINE, `${JSON.stringify({ noise: NOISE, ratios: values }, null, 2)}\n`);
}
