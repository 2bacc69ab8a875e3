// `pnpm screenshots`: drives the built demo in headless Chromium with virtual authenticators and
// writes one PNG per screen to docs/screenshots/ at the repository root. To check another width
// without touching those: SCREENSHOTS_WIDTH=390 SCREENSHOTS_DIR=/tmp/narrow pnpm screenshots
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  addAuthenticator,
  chromePath,
  hasChromium,
  openBrowser,
  removeAuthenticator,
  setUserVerified,
} from '../e2e/support/browser';
import { demoRoot, startDemo } from '../e2e/support/demo-server';
import {
  enablePasskey,
  expireVerification,
  newUsername,
  PASSWORD,
  signOut,
  signUp,
  verifyWithPasskey,
} from '../e2e/support/flows';
import { gateAutofill } from '../e2e/support/page-probe';

const out = path.resolve(process.env.SCREENSHOTS_DIR || path.join(demoRoot, '../../docs/screenshots'));
const width = Number(process.env.SCREENSHOTS_WIDTH || 1200);
// A phone is taller than it is wide; a desktop window the other way round.
const viewport = width < 600 ? { width, height: 844 } : { width, height: 800 };

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  // No hover, focus ring or toast in the picture; transitions settled.
  await page.mouse.move(1, 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await hideToast(page);
  await page.waitForTimeout(250);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function rename(page: Page, index: number, name: string) {
  const item = page.getByTestId('passkey-item').nth(index);
  await item.getByTestId('passkey-rename').click();
  await item.getByTestId('rename-input').fill(name);
  await item.getByTestId('rename-save').click();
  await page
    .getByTestId('passkey-item')
    .nth(index)
    .getByTestId('passkey-name')
    .filter({ hasText: name })
    .waitFor();
}

async function hideToast(page: Page) {
  await page.evaluate(() => {
    const toast = document.querySelector<HTMLElement>('[data-testid="toast-box"]');
    if (toast) toast.hidden = true;
  });
}

if (!hasChromium()) {
  console.error(`Chromium not found at ${chromePath()}: apt-get install -y chromium, or set CHROME_PATH`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
// A short security hold, so that the P2P screen shows it and then a release without a long wait.
const HOLD_SECONDS = 25;
const demo = await startDemo({ DEMO_TEST_ROUTES: '1', DEMO_RELEASE_HOLD_SECONDS: String(HOLD_SECONDS) });
const browser = await openBrowser({ viewport });
try {
  const { page, cdp } = browser;
  const autofill = await gateAutofill(page);
  const platform = await addAuthenticator(cdp, 'platform', { synced: true });

  // Sign-in.
  await page.goto(demo.url);
  await page.getByTestId('view-auth').waitFor();
  await shot(page, 'sign-in');
  await page.getByTestId('other-options-toggle').click();
  await shot(page, 'sign-in-other-device');

  // Security center with passkeys: a synced one on this device, used to sign in, and a key.
  const username = await signUp(page, demo.url, newUsername('alice'));
  await expireVerification(page, demo.url);
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('dialog-verify').waitFor();
  await page.getByTestId('verify-password').fill(PASSWORD);
  await shot(page, 'verify-password');
  await page.getByTestId('verify-submit').click();
  await page.getByTestId('dialog-enable').waitFor();
  await page.getByTestId('create-name').fill('MacBook Pro');
  await shot(page, 'enable-passkey');
  await page.getByTestId('choice-this-device').click();
  await page.getByTestId('passkey-item').waitFor();
  // With a passkey on the account, a second one takes a passkey verification.
  await expireVerification(page, demo.url);
  const key = await addAuthenticator(cdp, 'security-key');
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('dialog-verify-passkey').waitFor();
  await shot(page, 'verify-passkey');
  await verifyWithPasskey(page);
  await page.getByTestId('choice-security-key').click();
  await page.getByTestId('passkey-item').nth(1).waitFor();
  await rename(page, 1, 'YubiKey 5C NFC');
  await removeAuthenticator(cdp, key);
  await signOut(page);
  await page.getByTestId('signin-passkey').click();
  await page.getByTestId('view-home').waitFor();
  await page.getByTestId('passkey-last-used').first().filter({ hasText: 'Last used' }).waitFor();
  await page.getByTestId('new-passkey-notice').waitFor();
  await shot(page, 'security-center');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'security-center-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('activity-card').scrollIntoViewIfNeeded();
  await shot(page, 'security-activity', { fullPage: true });
  await page.getByTestId('new-passkey-dismiss').click();

  // The removal warning.
  await page.getByTestId('passkey-item').nth(1).getByTestId('passkey-remove').click();
  await page.getByTestId('remove-impact').filter({ hasText: 'left' }).waitFor();
  await shot(page, 'remove-warning');
  await page.getByTestId('remove-cancel').click();

  // P2P: one order released with the passkey, one waiting.
  await page.getByTestId('nav-p2p').click();
  for (const [amount, asset] of [
    ['0.015', 'BTC'],
    ['1250.00', 'USDT'],
  ] as const) {
    await page.getByTestId('order-amount').fill(amount);
    await page.getByTestId('order-asset').selectOption(asset);
    await page.getByTestId('order-create').click();
    await page
      .getByTestId('order-item')
      .filter({ hasText: `${amount} ${asset}` })
      .waitFor();
  }
  await page.getByTestId('hold-notice').waitFor();
  await shot(page, 'p2p-hold');
  await page.getByTestId('hold-notice').waitFor({ state: 'hidden', timeout: (HOLD_SECONDS + 10) * 1000 });
  await page.getByTestId('order-item').last().getByTestId('order-release').click();
  await page.getByTestId('dialog-release').waitFor();
  await shot(page, 'release-confirm');
  await page.getByTestId('release-confirm').click();
  await page.getByTestId('order-status').filter({ hasText: 'Released' }).waitFor();
  await shot(page, 'p2p-release');

  // The limit: eight more security keys, plugged in one at a time.
  await page.getByTestId('nav-security').click();
  for (let i = 3; i <= 10; i++) {
    const next = await addAuthenticator(cdp, 'security-key');
    await enablePasskey(page, 'security-key');
    await removeAuthenticator(cdp, next);
  }
  await page.getByTestId('limit-notice').waitFor();
  await shot(page, 'limit-reached', { fullPage: true });

  // A closed passkey prompt leads to the password.
  await signOut(page);
  await setUserVerified(cdp, platform, false);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('signin-passkey').click();
  await page.getByTestId('auth-notice').waitFor();
  await shot(page, 'passkey-cancelled');

  // A computer without a platform authenticator: "This device" is not offered, and the page says why.
  await removeAuthenticator(cdp, platform);
  await addAuthenticator(cdp, 'security-key');
  await signUp(page, demo.url, newUsername('bob'));
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('no-platform-notice').waitFor();
  await shot(page, 'enable-no-platform');
  void autofill;
} finally {
  await browser.close();
  await demo.stop();
}
