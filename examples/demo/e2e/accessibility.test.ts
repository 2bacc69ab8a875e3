import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type AxeViolation, seriousViolations } from './support/axe';
import { addAuthenticator, removeAuthenticator } from './support/browser';
import { enablePasskey, expireVerification, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** WCAG 2.x contrast of two CSS colours given as `rgb(r, g, b)` (opaque). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Promises of features the demo does not have: none may appear on any screen. */
const NOT_IN_THE_DEMO =
  /withdraw|deposit|e-?mail|\bsms\b|text message|authenticator app|recovery code|two-factor|\b2fa\b/i;

/**
 * Walks every screen and dialog — signed out, sign-up, the Security center with passkeys, each
 * dialog, the P2P page — running axe-core on each. Returns the serious and critical violations
 * by screen, and the text each screen showed.
 */
async function walk(page: Page, cdp: Parameters<typeof addAuthenticator>[0]) {
  const found: Record<string, AxeViolation[]> = {};
  const texts: string[] = [];
  const check = async (screen: string) => {
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[screen] = violations;
    // biome-ignore lint/performance/useDomNodeTextContent: what the screen shows, not hidden parts
    texts.push(await page.evaluate(() => document.body.innerText));
  };
  const closeDialog = async (testId: string) => {
    await page.keyboard.press('Escape');
    await page.getByTestId(testId).waitFor({ state: 'hidden' });
  };

  await page.goto(baseUrl);
  await page.getByTestId('view-auth').waitFor();
  await check('signed out');
  await page.getByTestId('other-options-toggle').click();
  await check('signed out, other sign in options');
  await page.getByTestId('tab-signup').click();
  await page.getByTestId('signup-submit').click();
  await check('sign-up, with its errors');

  await addAuthenticator(cdp, 'platform', { synced: true });
  await signUp(page, baseUrl);
  await check('security center, no passkey');
  await expireVerification(page, baseUrl);
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('dialog-verify').waitFor();
  await check('dialog: password verification');
  await closeDialog('dialog-verify');
  await page.request.post(`${baseUrl}/api/account/verify`, {
    data: { password: 'correct horse battery staple' },
  });
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('dialog-enable').waitFor();
  await check('dialog: create a passkey');
  await page.getByTestId('choice-this-device').click();
  await page.getByTestId('passkey-item').waitFor();
  const key = await addAuthenticator(cdp, 'security-key');
  await enablePasskey(page, 'security-key');
  await removeAuthenticator(cdp, key);
  await check('security center, with passkeys');
  await page.getByTestId('passkey-rename').first().click();
  await page.getByTestId('rename-input').fill('  ');
  await page.getByTestId('rename-save').click();
  await page.getByTestId('rename-error').waitFor();
  await check('security center, a refused rename');
  await page.getByTestId('rename-cancel').click();
  await page.getByTestId('passkey-remove').first().click();
  await page.getByTestId('dialog-remove').waitFor();
  await check('dialog: remove a passkey');
  await closeDialog('dialog-remove');
  await expireVerification(page, baseUrl);
  await page.getByTestId('enable-passkey').click();
  await page.getByTestId('dialog-verify-passkey').waitFor();
  await check('dialog: passkey verification');
  await closeDialog('dialog-verify-passkey');

  await page.getByTestId('nav-p2p').click();
  await page.getByTestId('order-amount').fill('0.015');
  await page.getByTestId('order-create').click();
  await page.getByTestId('order-item').waitFor();
  await check('P2P trading');
  await page.getByTestId('order-release').click();
  await page.getByTestId('dialog-release').waitFor();
  await check('dialog: release crypto');
  await closeDialog('dialog-release');
  await page.getByTestId('order-amount').fill('1,5');
  await page.getByTestId('order-create').click();
  await check('P2P trading, a refused amount');
  await signOut(page);
  return { found, texts };
}

describeInBrowser('accessibility (axe-core) and copy, on every screen, in Chromium', () => {
  const browser = useBrowser();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violation on any screen, ${colorScheme}`, async () => {
      const { page, cdp } = browser();
      await page.emulateMedia({ colorScheme });
      const { found, texts } = await walk(page, cdp);
      expect(found).toEqual({});
      // And no screen promises what the demo does not have.
      for (const text of texts) expect(text).not.toMatch(NOT_IN_THE_DEMO);
      expect(texts).toHaveLength(13);
    });
  }

  it('finds what it looks for: a button without a name, faint text', async () => {
    const { page } = browser();
    await page.goto(baseUrl);
    await page.getByTestId('view-auth').waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      main.insertAdjacentHTML(
        'beforeend',
        '<button type="button"><svg width="10" height="10"></svg></button>',
      );
      const faint = document.createElement('p');
      faint.textContent = 'Faint';
      // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
      Object.assign(faint.style, { color: '#bbb', background: '#fff' });
      main.append(faint);
    });
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['button-name', 'color-contrast']);
  });

  it('draws "Remove passkey" at 4.5:1 or more, light and dark', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    await page.getByTestId('passkey-remove').click();
    const button = page.getByTestId('remove-confirm');
    await button.waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { color, background } = await button.evaluate((el) => {
        const style = getComputedStyle(el);
        return { color: style.color, background: style.backgroundColor };
      });
      expect(contrast(color, background), `${colorScheme}: ${color} on ${background}`).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });
});
