import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, removeAuthenticator } from './support/browser';
import { enablePasskey, newUsername, signOut, signUp } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

/** How many lines an element's text takes (its text nodes' boxes, grouped by line). */
const lines = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`missing ${selector}`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops: number[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !tops.some((top) => Math.abs(top - r.top) < r.height / 2)) tops.push(r.top);
      }
    }
    return tops.length;
  }, selector);

describeInBrowser('the page on a 390px phone screen', () => {
  const browser = useBrowser();

  it('keeps the header, tabs, benefits and footer tidy', async () => {
    const { page, cdp } = browser();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(baseUrl);
    await page.getByTestId('view-auth').waitFor();
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

    expect(await noSideScroll()).toBe(true);
    expect(await lines(page, '.brand-name')).toBe(1);
    expect(await lines(page, '[data-testid="tab-signup"]')).toBe(1);
    // A wrapped benefit lines up under its own text, not under the tick.
    const benefits = await page.evaluate(() =>
      [...document.querySelectorAll('.benefits li')].map((li) => {
        const text = [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        const range = document.createRange();
        range.selectNodeContents(text as Node);
        const rects = [...range.getClientRects()];
        const tick = li.querySelector('.tick')?.getBoundingClientRect();
        return {
          lines: new Set(rects.map((r) => Math.round(r.top))).size,
          lefts: new Set(rects.map((r) => Math.round(r.left))).size,
          clearOfTick: rects.every((r) => r.left >= (tick?.right ?? 0)),
        };
      }),
    );
    expect(benefits.some((b) => b.lines > 1)).toBe(true);
    for (const b of benefits) expect(b).toMatchObject({ lefts: 1, clearOfTick: true });

    // Footer: each item whole on its lines, no separator left alone on a line.
    const footer = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.footer > *')].map((el) => el.textContent?.trim()),
    );
    expect(footer.every((text) => text && text !== '·')).toBe(true);
    expect(await lines(page, '.footer-item:last-child')).toBe(1);

    // Signed in with a long name: the header stays one row, the name is cut with an ellipsis.
    await addAuthenticator(cdp, 'platform');
    const username = await signUp(page, baseUrl, newUsername('a.rather.long.username'));
    expect(await lines(page, '.brand-name')).toBe(1);
    const header = await page.evaluate(() => {
      const brand = document.querySelector('.brand')?.getBoundingClientRect();
      const who = document.querySelector<HTMLElement>('[data-testid="who"]');
      const out = document.querySelector('[data-testid="sign-out"]')?.getBoundingClientRect();
      return {
        // One row: the brand and the button share their middle line.
        offset: brand && out ? Math.abs(brand.top + brand.height / 2 - (out.top + out.height / 2)) : null,
        whoWidth: who?.getBoundingClientRect().width,
        cut: who ? who.scrollWidth > who.clientWidth : false,
        title: who?.title,
        signOutInside: out ? out.right <= innerWidth : false,
      };
    });
    expect(header.offset).toBeLessThan(2);
    expect(header.whoWidth).toBeGreaterThan(120);
    expect(header).toMatchObject({ cut: true, title: `Signed in as ${username}`, signOutInside: true });
    expect(await lines(page, '[data-testid="nav-security"]')).toBe(1);
    expect(await noSideScroll()).toBe(true);

    // The toast of a new passkey is gone once the user signs out: "Log in with password" is clear.
    await enablePasskey(page);
    expect(await page.getByTestId('toast').isVisible()).toBe(true);
    await signOut(page);
    expect(await page.getByTestId('toast').isVisible()).toBe(false);
  });
});

describeInBrowser('the toast on a 390px phone screen', () => {
  const browser = useBrowser();

  it('keeps clear of the next passkey’s buttons, and can be dismissed', async () => {
    const { page, cdp } = browser();
    await page.setViewportSize({ width: 390, height: 844 });
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    // More passkeys than the screen holds, one key after the other.
    for (let i = 0; i < 3; i++) {
      const key = await addAuthenticator(cdp, 'security-key');
      await enablePasskey(page, 'security-key', `Key ${i + 1}`);
      await removeAuthenticator(cdp, key);
    }
    const rows = page.getByTestId('passkey-item');
    // The row sits at the bottom of the screen, where the toast shows: so will the next one.
    const box = await rows.nth(2).getByTestId('passkey-remove').boundingBox();
    await page.evaluate((by) => window.scrollBy(0, by), (box?.y ?? 0) + (box?.height ?? 0) - (844 - 40));
    await rows.nth(2).getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await page.getByTestId('toast').filter({ hasText: '“Key 2” was removed' }).waitFor();
    await expect.poll(() => rows.count()).toBe(3);

    // Focus is on the next passkey ("Key 3"), and the toast covers none of its buttons.
    const overlaps = () =>
      page.evaluate(() => {
        const toast = document.querySelector('[data-testid="toast-box"]')?.getBoundingClientRect();
        const row = document.activeElement?.closest('[data-testid="passkey-item"]');
        const buttons = [...(row?.querySelectorAll('button') ?? [])].map((b) => b.getBoundingClientRect());
        if (!toast || buttons.length === 0) return null;
        return buttons.some(
          (b) => b.bottom > toast.top && b.top < toast.bottom && b.right > toast.left && b.left < toast.right,
        );
      });
    expect(
      await page.evaluate(
        () => document.activeElement?.querySelector('[data-testid="passkey-name"]')?.textContent,
      ),
    ).toBe('Key 3');
    expect(await overlaps()).toBe(false);
    const next = await rows.nth(2).getByTestId('passkey-rename').boundingBox();
    expect(next && next.y + next.height).toBeLessThanOrEqual(844);

    // Dismissed with its button, focus going back to the passkey.
    await page.getByTestId('toast-dismiss').click();
    expect(await page.getByTestId('toast-box').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'passkey-item',
    );
    expect(await page.getByTestId('toast-dismiss').getAttribute('aria-label')).toBe('Dismiss');
  });
});
