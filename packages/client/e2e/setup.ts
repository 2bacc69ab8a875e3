import type { TestProject } from 'vitest/node';
import { chromePath, hasChromium } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the client's browser tests are skipped; empty when they run. */
    skipReason: string;
  }
}

/**
 * Without Chromium the client's browser tests are skipped with a printed reason, or the run
 * fails when `PASSKEY_REQUIRE_SERVICES=1` (CI).
 */
export default function setup(project: TestProject) {
  let reason = '';
  if (!hasChromium()) {
    reason = `Chromium not found at ${chromePath()}: install it (apt-get install -y chromium) or set CHROME_PATH`;
    if (process.env.PASSKEY_REQUIRE_SERVICES === '1')
      throw new Error(`PASSKEY_REQUIRE_SERVICES=1 and ${reason}`);
    console.warn(`\n[client-e2e] browser tests skipped: ${reason}\n`);
  }
  project.provide('skipReason', reason);
}
