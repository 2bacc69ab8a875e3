import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { startTestApp, type TestApp } from './app';
import { launchChromium, openTab, type Tab } from './browser';

const skipReason = inject('skipReason');

/** A `describe` for browser tests: skipped (with the printed reason) when Chromium is missing. */
export const describeInBrowser = (name: string, body: () => void) =>
  describe.skipIf(skipReason !== '')(name, body);

export interface BrowserTest extends Tab {
  app: TestApp;
  /** Signs `user` in on the page's origin, with a fresh second-factor verification. */
  signInAs(user: { id: string; name: string; displayName: string }): Promise<void>;
}

/**
 * One test app and one Chromium per file; a fresh context (cookies, virtual authenticators)
 * per test, on the app's page with the client loaded. Use inside {@link describeInBrowser}.
 */
export function useBrowser(): () => BrowserTest {
  let app: TestApp;
  let browser: Browser;
  let current: BrowserTest | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    const tab = await openTab(browser);
    await tab.page.goto(app.url);
    await tab.page.waitForFunction(() => 'passkeyClient' in window);
    app.seen.length = 0;
    current = {
      ...tab,
      app,
      async signInAs(user) {
        const res = await tab.page.request.post(`${app.url}/test/session`, { data: user });
        if (!res.ok()) throw new Error(`test session: ${res.status()}`);
      },
    };
  });
  afterEach(async () => {
    await current?.context.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useBrowser(): no browser outside a test');
    return current;
  };
}
