/**
 * The Vitest config `pnpm mutation` (Stryker) runs: only the server and core projects, on the
 * root config's aliases (packages resolve to their `src/`), so that a mutant in the source is
 * what the tests import. Not used by `pnpm test`. See docs/mutation.md.
 */
import { defineConfig } from 'vitest/config';
import root from './vitest.config.ts';
import { projects } from './vitest.workspace.ts';

const MUTATED = new Set(['server', 'core']);
/**
 * Tests that read the source files as text (which imports which, where errors are built): Stryker's
 * instrumentation rewrites that text, and they check no behaviour a mutant could change.
 */
const READS_SOURCE_TEXT = ['test/runtime-agnostic.test.ts', 'test/route-table.test.ts'];

export default defineConfig({
  resolve: root.resolve,
  test: {
    projects: projects
      .filter((p) => MUTATED.has(p.test.name))
      .map((p) => ({
        ...p,
        test: { ...p.test, exclude: [...('exclude' in p.test ? p.test.exclude : []), ...READS_SOURCE_TEXT] },
      })),
    isolate: false,
    testTimeout: root.test?.testTimeout,
    hookTimeout: root.test?.hookTimeout,
  },
});
