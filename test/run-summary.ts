import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';

/**
 * A line a test prints when it skips, tagged with its package: `[store-redis] SKIPPED: why`,
 * `[demo] skipped the … test: why` or `[transfer] …: the … case did not run` (see the packages'
 * test/services.ts probes).
 */
const SKIP_LINE = /^[ \t]*\[[\w@./-]+\][^\n]*\b(?:skipped|did not run)\b[^\n]*/gim;

/** The skip lines in what a test printed. */
export const skipLines = (content: string): string[] => (content.match(SKIP_LINE) ?? []).map((l) => l.trim());

/**
 * Ends every run with what was skipped and why, in the normal output (not only with a verbose
 * reporter): per project the number of skipped tests and the reasons the tests printed, gave
 * to `ctx.skip(note)` or provided as `skipReason` from a global setup (the browser tests). Then
 * one closing line, `tests: N passed, N failed, N skipped` (an error outside any test counts as
 * a failure).
 */
export default class RunSummary implements Reporter {
  private vitest: Vitest | undefined;
  private reasons = new Map<string, Set<string>>();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.reasons = new Map();
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const task = log.taskId ? this.vitest?.state.idMap.get(log.taskId) : undefined;
    for (const line of skipLines(log.content)) this.addReason(task?.file.projectName ?? '', line);
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state === 'skipped' && result.note) this.addReason(test.project.name, result.note);
  }

  /** Why tests of this project were skipped, as far as they said. */
  skipReasons(project: string): string[] {
    const reasons = [...(this.reasons.get(project) ?? [])];
    const provided = this.vitest?.projects.find((p) => p.name === project)?.getProvidedContext() as
      | { skipReason?: unknown }
      | undefined;
    if (typeof provided?.skipReason === 'string' && provided.skipReason !== '') {
      reasons.unshift(provided.skipReason);
    }
    return reasons;
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): void {
    const skipped = new Map<string, number>();
    let passed = 0;
    let failed = 0;
    for (const m of modules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const { state } = t.result();
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else if (state === 'skipped' && t.options.mode !== 'todo') {
          skipped.set(m.project.name, (skipped.get(m.project.name) ?? 0) + 1);
        }
      }
      // A file that failed to load counts as one failure: its tests never ran.
      failed += failedHere > 0 ? failedHere : m.state() === 'failed' ? 1 : 0;
    }
    // An error outside any test (an unhandled rejection, a global setup that threw) fails the run:
    // the closing line never reads "0 failed" for a failed run.
    failed += unhandledErrors.length;
    if (reason === 'failed' && failed === 0) failed = 1;
    const total = [...skipped.values()].reduce((a, b) => a + b, 0);
    if (total > 0) this.printSkipped(skipped);
    console.log(`tests: ${passed} passed, ${failed} failed, ${total} skipped`);
  }

  private addReason(project: string, reason: string): void {
    const set = this.reasons.get(project) ?? new Set<string>();
    set.add(reason);
    this.reasons.set(project, set);
  }

  private printSkipped(skipped: Map<string, number>): void {
    const failInstead =
      process.env.PASSKEY_REQUIRE_SERVICES === '1' ? '' : ' (PASSKEY_REQUIRE_SERVICES=1 fails them instead)';
    console.log(`\nskipped tests, and why${failInstead}:`);
    for (const project of new Set([...skipped.keys(), ...this.reasons.keys()])) {
      const reasons = this.skipReasons(project);
      const count = skipped.get(project) ?? 0;
      console.log(
        `  ${project || 'other'}: ${count} skipped${reasons.length > 0 ? '' : ' (no reason printed)'}`,
      );
      for (const reason of reasons) console.log(`    - ${reason}`);
    }
  }
}
