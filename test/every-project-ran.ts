import type { Reporter, TestModule } from 'vitest/node';
import { projects } from '../vitest.workspace.ts';

/** Where the reasons for skipped tests come from (the run summary). */
export interface SkipReasons {
  skipReasons(project: string): string[];
}

/**
 * Fails a full run (`vitest run` with no filter) in which a project of vitest.workspace.ts
 * ran no test: the proof that the workspace file really drives the projects. A project whose
 * tests were all skipped for a stated reason (no browser on this machine) was driven too,
 * unless PASSKEY_REQUIRE_SERVICES=1 (CI), where every project must pass tests.
 */
export default class EveryProjectRan implements Reporter {
  constructor(private readonly skips?: SkipReasons) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const filtered = process.argv.slice(2).some((a) => a !== 'run' && !a.startsWith('--reporter'));
    const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';
    const counts = new Map<string, number>(projects.map((p) => [p.test.name, 0]));
    for (const m of modules) {
      const name = m.project.name;
      let n = 0;
      for (const t of m.children.allTests()) if (t.result().state === 'passed') n++;
      counts.set(name, (counts.get(name) ?? 0) + n);
    }
    const line = [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
    console.log(`\npassed tests per project: ${line}`);
    const missing = [...counts]
      .filter(([name, n]) => n === 0 && (required || (this.skips?.skipReasons(name) ?? []).length === 0))
      .map(([name]) => name);
    if (!filtered && missing.length > 0) {
      console.error(`projects that ran no passing test: ${missing.join(', ')}`);
      process.exitCode = 1;
    }
  }
}
