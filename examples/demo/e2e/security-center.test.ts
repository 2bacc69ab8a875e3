import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { enablePasskey, expireVerification, signOut, signUp, verifyWithPasskey } from './support/flows';
import { baseUrl, describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('Security center → Passkeys in Chromium', () => {
  const browser = useBrowser();

  /** A new account in its own browser, its platform authenticator holding the account's one passkey. */
  async function withPasskey() {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    await enablePasskey(page);
    return { page, cdp, item: page.getByTestId('passkey-item') };
  }

  it('creates a passkey on a USB security key, named after it without saying so twice', async () => {
    const { page, cdp } = browser();
    const platform = await addAuthenticator(cdp, 'platform');
    const key = await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'security-key');

    const item = page.getByTestId('passkey-item');
    expect(await item.getByTestId('passkey-name').textContent()).toBe('Security key');
    expect(await item.getByTestId('passkey-not-synced').textContent()).toBe('Device-bound');
    // The kind of authenticator is the name already: no second "Security key" under it.
    expect(await item.getByTestId('passkey-provider').count()).toBe(0);
    expect(await credentialsOf(cdp, key)).toHaveLength(1);
    expect(await credentialsOf(cdp, platform)).toHaveLength(0);

    // Renamed, the passkey still says what it is.
    await item.getByTestId('passkey-rename').click();
    await item.getByTestId('rename-input').fill('YubiKey 5C NFC');
    await item.getByTestId('rename-save').click();
    await expect.poll(() => item.getByTestId('passkey-provider').textContent()).toBe('Security key');
  });

  it('shows a synced passkey with its badge', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform', { synced: true });
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    const item = page.getByTestId('passkey-item');
    expect((await item.getByTestId('passkey-synced').textContent())?.trim()).toBe('Synced');
    expect(await item.getByTestId('passkey-not-synced').count()).toBe(0);
    // No provider known for this authenticator: the line says what kind it is.
    expect(await item.getByTestId('passkey-name').textContent()).toBe('Chrome on Linux');
    expect(await item.getByTestId('passkey-provider').textContent()).toBe('Built-in authenticator');
  });

  it('clears a toast when the user signs out or changes tab, so it covers nothing there', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await signUp(page, baseUrl);
    const toast = page.getByTestId('toast');
    await enablePasskey(page);
    expect(await toast.textContent()).toBe('Passkey “Chrome on Linux” created');
    expect(await toast.isVisible()).toBe(true);
    await page.getByTestId('nav-p2p').click();
    expect(await toast.isVisible()).toBe(false);

    await page.getByTestId('nav-security').click();
    await page.getByTestId('passkey-rename').click();
    await page.getByTestId('rename-input').fill('Laptop');
    await page.getByTestId('rename-save').click();
    await toast.filter({ hasText: 'Renamed to “Laptop”' }).waitFor();
    await signOut(page);
    expect(await toast.isVisible()).toBe(false);
  });

  it('keeps a rename being typed, and its focus, when the window comes back and the list is fetched again', async () => {
    const { page, item } = await withPasskey();
    await item.getByTestId('passkey-rename').click();
    await item.getByTestId('rename-input').fill('Work lap');

    // Back on the window: the page fetches the list again and draws it.
    const listed = page.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().endsWith('/api/passkeys'),
    );
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await listed;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));

    expect(await item.getByTestId('rename-input').inputValue()).toBe('Work lap');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'rename-input',
    );
    await page.keyboard.type('top');
    await page.keyboard.press('Enter');
    await expect.poll(() => item.getByTestId('passkey-name').textContent()).toBe('Work laptop');
    expect(await item.getByTestId('rename-form').count()).toBe(0);
  });

  it('renames a passkey inline, and explains a refused name', async () => {
    const { page, item } = await withPasskey();

    await item.getByTestId('passkey-rename').click();
    await item.getByTestId('rename-input').fill('   ');
    await item.getByTestId('rename-save').click();
    await expect
      .poll(() => item.getByTestId('rename-error').textContent())
      .toBe('Enter a name: it cannot be only spaces.');

    await item.getByTestId('rename-input').fill('  Work laptop  ');
    await item.getByTestId('rename-save').click();
    await expect.poll(() => item.getByTestId('passkey-name').textContent()).toBe('Work laptop');
    expect(await item.getByTestId('rename-input').count()).toBe(0);

    // Escape cancels without a request.
    await item.getByTestId('passkey-rename').click();
    await item.getByTestId('rename-input').fill('Never saved');
    await item.getByTestId('rename-input').press('Escape');
    expect(await item.getByTestId('passkey-name').textContent()).toBe('Work laptop');
    await page.reload();
    await expect.poll(() => page.getByTestId('passkey-name').textContent()).toBe('Work laptop');
  });

  it('removes a passkey only after the warning and a confirmation', async () => {
    const { page, cdp } = browser();
    await addAuthenticator(cdp, 'platform');
    await addAuthenticator(cdp, 'security-key');
    await signUp(page, baseUrl);
    await enablePasskey(page, 'this-device');
    await enablePasskey(page, 'security-key');
    expect(await page.getByTestId('passkey-item').count()).toBe(2);

    const dialog = page.getByTestId('dialog-remove');
    await page.getByTestId('passkey-item').nth(1).getByTestId('passkey-remove').click();
    await dialog.waitFor();
    const warning = await page.getByTestId('remove-warning').textContent();
    expect(warning).toContain('Removing your passkeys may lower the security level of your account.');
    await expect
      .poll(() => page.getByTestId('remove-impact').textContent())
      .toBe('You will have 1 passkey left.');
    expect(await page.getByTestId('remove-name').textContent()).toBe('Security key');

    await page.getByTestId('remove-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('passkey-item').count()).toBe(2);

    await page.getByTestId('passkey-item').nth(1).getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
    expect(await page.getByTestId('passkey-name').textContent()).toBe('Chrome on Linux');

    // The last one: the warning says so.
    await page.getByTestId('passkey-remove').click();
    await expect
      .poll(() => page.getByTestId('remove-impact').textContent())
      .toBe(
        'This is your last passkey: afterwards you will sign in with your password only, and P2P releases will need a new passkey.',
      );
  });

  it('asks for a passkey, saying why, before removing when the verification is stale', async () => {
    const { page } = await withPasskey();
    await expireVerification(page, baseUrl);

    await page.getByTestId('passkey-remove').click();
    await page.getByTestId('remove-confirm').click();
    await page.getByTestId('dialog-verify-passkey').waitFor();
    expect(await page.getByTestId('verify-passkey-why').textContent()).toMatch(
      /^Your account has a passkey, so adding or\s+removing one takes one of your passkeys, not only your password/,
    );
    // Not the password: that dialog stays closed.
    expect(await page.getByTestId('dialog-verify').isVisible()).toBe(false);
    await verifyWithPasskey(page);
    await page.getByTestId('dialog-remove').waitFor({ state: 'hidden' });
    await page.getByTestId('passkeys-empty').waitFor();
    expect(await page.getByTestId('passkey-item').count()).toBe(0);
  });

  it('says when this authenticator already holds a passkey for the account', async () => {
    const { page } = await withPasskey();
    await page.getByTestId('enable-passkey').click();
    // The account has a passkey now: a second one takes a passkey verification first.
    await page.getByTestId('dialog-verify-passkey').waitFor();
    await verifyWithPasskey(page);
    await page.getByTestId('choice-this-device').click();
    await expect
      .poll(() => page.getByTestId('enable-error').textContent())
      .toBe('This device or key already holds a passkey for your account. Choose another one.');
    await page.getByTestId('enable-cancel').click();
    expect(await page.getByTestId('passkey-item').count()).toBe(1);
  });
});
