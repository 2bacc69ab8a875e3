import type { TestProject } from 'vitest/node';
import { chromePath, hasChromium } from './support/browser';
import { buildDemo, startDemo } from './support/demo-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running demo, e.g. `http://localhost:41234`; empty when the suite is skipped. */
    baseUrl: string;
    /** Why the browser tests are skipped; empty when they run. */
    skipReason: string;
  }
}

/**
 * Builds the demo, starts it on a free port with its test route, and hands the URL to the
 * tests. Without Chromium the browser tests are skipped with a printed reason, or the run
 * fails when `PASSKEY_REQUIRE_SERVICES=1` (CI).
 */
export default async function setup(project: TestProject) {
  buildDemo();
  if (!hasChromium()) {
    const reason = `Chromium not found at ${chromePath()}: install it (apt-get install -y chromium) or set CHROME_PATH`;
    if (process.env.PASSKEY_REQUIRE_SERVICES === '1') {
      throw new Error(`PASSKEY_REQUIRE_SERVICES=1 and ${reason}`);
    }
    console.warn(`\n[demo-e2e] browser tests skipped: ${reason}\n`);
    project.provide('baseUrl', '');
    project.provide('skipReason', reason);
    return;
  }
  // No security hold on releases here: e2e/hold.test.ts starts a demo of its own with one.
  const demo = await startDemo({ DEMO_TEST_ROUTES: '1', DEMO_RELEASE_HOLD_SECONDS: '0' });
  project.provide('baseUrl', demo.url);
  project.provide('skipReason', '');
  return async () => {
    const code = await demo.stop('SIGTERM');
    if (code !== 0) console.error(`[demo-e2e] the demo exited with ${code}:\n${demo.output()}`);
  };
}
