import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { type RunningDemo, startDemo } from './support/demo-server';
import { enablePasskey, releaseOrder, signUp } from './support/flows';
import { webAuthnCalls } from './support/page-probe';
import { describeInBrowser, useBrowser } from './support/suite';

const HOLD_SECONDS = 6;

describeInBrowser('the security hold on releases by a new passkey, in Chromium', () => {
  const browser = useBrowser();
  // A demo of its own, with a hold short enough to wait out.
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ DEMO_RELEASE_HOLD_SECONDS: String(HOLD_SECONDS) });
  });
  afterAll(async () => {
    expect(await demo.stop()).toBe(0);
  });

  it('shows the time left, refuses a release until then, and releases after', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, demo.url);
    await enablePasskey(page);
    await page.getByTestId('nav-p2p').click();

    const notice = page.getByTestId('hold-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^Security hold: new passkeys can approve releases 6 seconds after they are added, so that a passkey added by someone else cannot move your crypto before you see it\. Yours can from .+ \(in [1-6] seconds?\)\.$/,
    );
    await page.getByTestId('order-amount').fill('0.2');
    await page.getByTestId('order-create').click();
    const item = page.getByTestId('order-item').first();
    // The page knows the hold: it says so before any summary or prompt.
    await item.getByTestId('order-release').click();
    await expect
      .poll(() => item.getByTestId('order-item-error').textContent())
      .toMatch(
        /^Not released: your passkey is new and on a security hold\. It can approve releases from .+\.$/,
      );
    expect(await item.getByTestId('order-status').getAttribute('data-status')).toBe('open');
    const prompts = async () =>
      (await webAuthnCalls(page)).filter((c) => c.kind === 'get' && c.mediation !== 'conditional');
    expect(await prompts()).toEqual([]);
    expect(await page.getByTestId('dialog-release').isVisible()).toBe(false);

    // The countdown ends, the notice goes, and the release goes through.
    await notice.waitFor({ state: 'hidden', timeout: (HOLD_SECONDS + 5) * 1000 });
    await releaseOrder(page, item);
    await expect.poll(() => item.getByTestId('order-status').getAttribute('data-status')).toBe('released');
  });
});
