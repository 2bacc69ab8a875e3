/**
 * The Vitest config `pnpm mutation` (Stryker) runs: only the server and core projects, on the
 * root config's aliases (packages resolve to their `src/`), so that a mutant in the source is
 * what the tests import. Not used by `pnpm test`. See docs/mutation.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import root from './vitest.config.ts';
import { projects } from './vitest.workspace.ts';

const MUTATED = new Set(['server', 'core']);
/**
 * Left out, each for its reason (docs/mutation.md, "What runs against each mutant"):
 * - tests that read the source files as text (which imports which, where errors are built):
 *   Stryker's instrumentation rewrites that text, and they check no behaviour a mutant could change;
 * - the memory bounds of abandoned ceremonies: they measure core's memory store (not mutated), one of
 *   them in a child process that never sees the active mutant, and take 17 s a run.
 */
const LEFT_OUT = ['test/runtime-agnostic.test.ts', 'test/route-table.test.ts', 'test/memory/bounded.test.ts'];

/**
 * Fewer generated cases per mutant than `pnpm test` runs (measured in docs/mutation.md): a mutant is
 * run against every test that reaches it, and at full size the differential and fuzz suites alone
 * take 60 s of the 90 s suite. A value set by hand wins.
 */
process.env.PASSKEY_DIFFERENTIAL_SCALE ??= '0.05';
process.env.PASSKEY_FUZZ_RUNS ??= '25';

/**
 * Files that failed last first (the tests that killed the previous mutant often kill the next), then
 * the quickest first. Vitest's own order runs the slowest first, and Stryker stops a mutant's run at
 * its first failing test: a killed mutant should cost the fastest test that kills it, not the
 * differential suite's.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const state = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${path.relative(config.root, spec.moduleId)}`;
      const results = cache.getFileTestResults(key);
      return {
        failed: results?.failed ? 0 : 1,
        duration: results?.duration ?? cache.getFileStats(key)?.size ?? Number.MAX_SAFE_INTEGER,
      };
    };
    return files
      .map((spec) => ({ spec, ...state(spec) }))
      .sort((a, b) => a.failed - b.failed || a.duration - b.duration)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  resolve: root.resolve,
  test: {
    projects: projects
      .filter((p) => MUTATED.has(p.test.name))
      .map((p) => ({
        ...p,
        test: {
          ...p.test,
          exclude: [...('exclude' in p.test ? p.test.exclude : []), ...LEFT_OUT],
          setupFiles: [fileURLToPath(new URL('./scripts/mutation/fast-check.ts', import.meta.url))],
        },
      })),
    isolate: false,
    sequence: { sequencer: QuickestFirst },
    testTimeout: root.test?.testTimeout,
    hookTimeout: root.test?.hookTimeout,
  },
});
