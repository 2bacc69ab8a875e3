import { afterEach, beforeEach, describe, inject } from 'vitest';
import { type Browser, openBrowser } from './browser';
import { gateAutofill, recordWebAuthnCalls } from './page-probe';

export const baseUrl = inject('baseUrl');
export const skipReason = inject('skipReason');

/** A `describe` for browser tests: skipped (with the printed reason) when Chromium is missing. */
export const describeInBrowser = (name: string, body: () => void) =>
  describe.skipIf(skipReason !== '')(name, body);

export interface BrowserTest extends Browser {
  autofill: Awaited<ReturnType<typeof gateAutofill>>;
}

/**
 * A fresh Chromium (its own profile) per test, with the WebAuthn calls recorded and autofill
 * held until a test allows it. Use inside {@link describeInBrowser}.
 */
export function useBrowser(): () => BrowserTest {
  let current: BrowserTest | undefined;
  beforeEach(async () => {
    const browser = await openBrowser();
    await recordWebAuthnCalls(browser.page);
    const autofill = await gateAutofill(browser.page);
    current = { ...browser, autofill };
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useBrowser(): no browser outside a test');
    return current;
  };
}
