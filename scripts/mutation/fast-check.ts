/**
 * Set up before every test file under `pnpm mutation` (vitest.mutation.config.ts): a property that
 * fails stops at its first counterexample instead of shrinking it. A mutant is killed by the
 * failure itself; the smallest counterexample is of no use there and can take seconds to find.
 * A property that names no run count gets 25 (fast-check's default is 100), as the differential and
 * fuzz suites get fewer through their own variables (vitest.mutation.config.ts).
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true, numRuns: 25 });
