import { describe, expect, it } from 'vitest';
import { friendlyError, nameMessage, orderErrorMessage, providerLine, syncLabel } from '../src/web/messages';

describe("the page's wording", () => {
  it('says whether a passkey is "Synced" or "Device-bound"', () => {
    expect(syncLabel({ synced: true })).toBe('Synced');
    expect(syncLabel({ synced: false })).toBe('Device-bound');
  });

  it('says an empty name is empty, whatever spaces it had', () => {
    expect(nameMessage('empty')).toBe('Enter a name: it cannot be only spaces.');
    expect(nameMessage('characters')).toMatch(/without control or invisible characters/);
    expect(nameMessage('too-long')).toBe('Use at most 64 characters.');
    for (const unknown of [undefined, 42, 'new-reason']) {
      expect(nameMessage(unknown)).toBe('Enter a name of 1 to 64 characters.');
    }
  });

  it('shows the provider, else the kind of authenticator, never what the name already says', () => {
    const iCloud = {
      name: 'iCloud Keychain',
      provider: { name: 'iCloud Keychain' },
      attachment: 'platform',
    } as const;
    expect(providerLine(iCloud)).toBeNull();
    expect(providerLine({ ...iCloud, name: 'iCloud Keychain (2)' })).toBeNull();
    expect(providerLine({ ...iCloud, name: 'Work Mac' })).toBe('iCloud Keychain');
    // Without a known provider: the attachment.
    expect(providerLine({ name: 'This device', provider: null, attachment: 'platform' })).toBe(
      'Built-in authenticator',
    );
    expect(providerLine({ name: 'YubiKey', provider: null, attachment: 'cross-platform' })).toBe(
      'Security key',
    );
    expect(providerLine({ name: 'Security key', provider: null, attachment: 'cross-platform' })).toBeNull();
    expect(
      providerLine({ name: 'security KEY (3)', provider: null, attachment: 'cross-platform' }),
    ).toBeNull();
    expect(providerLine({ name: 'Phone', provider: null, attachment: null })).toBeNull();
    // A phone over QR: the server's name says so already, a name of the user's does not.
    const phone = {
      provider: null,
      attachment: 'cross-platform',
      transports: ['hybrid', 'internal'],
    } as const;
    expect(providerLine({ ...phone, name: 'Phone or tablet (QR, 2)' })).toBeNull();
    expect(providerLine({ ...phone, name: 'Pixel 8' })).toBe('Phone or tablet');
  });

  it("puts server errors in the page's words, the caller's first", () => {
    const notSignedIn = { code: 'NOT_SIGNED_IN', message: 'Sign in first' };
    expect(friendlyError(notSignedIn)).toBe(
      'You are signed out: this session has ended. Reload the page and log in again.',
    );
    expect(friendlyError(notSignedIn, { NOT_SIGNED_IN: 'Log in again.' })).toBe('Log in again.');
    expect(friendlyError({ code: 'NETWORK_ERROR', message: 'The server cannot be reached.' })).toMatch(
      /^The server cannot be reached\. Check that the demo is running/,
    );
    // Unknown codes keep the server's message, as a sentence.
    expect(friendlyError({ code: 'RECEIPT_INVALID', message: 'This receipt is for another order' })).toBe(
      'This receipt is for another order.',
    );
    expect(friendlyError({ code: 'X', message: 'Done already.' })).toBe('Done already.');
  });

  it('words a refused order by what is wrong with it', () => {
    const invalid = { code: 'INVALID_REQUEST', message: 'amount must be a positive decimal string' };
    expect(orderErrorMessage(invalid, '1e5')).toBe(
      'Enter the amount in digits, with a point for decimals, such as 0.015.',
    );
    expect(orderErrorMessage(invalid, '')).toBe('Enter an amount, such as 0.015.');
    expect(orderErrorMessage(invalid, '0.5')).toBe('Choose an asset from the list.');
    expect(orderErrorMessage({ code: 'INTERNAL_ERROR', message: 'Something went wrong' }, '1')).toBe(
      'Something went wrong on the server. Try again.',
    );
  });

  it('says when a throttled attempt may be made again', () => {
    const limited = (retryAfterSeconds?: unknown) => ({
      code: 'RATE_LIMITED',
      message: 'Too many wrong passwords: try again later',
      ...(retryAfterSeconds === undefined ? {} : { details: { retryAfterSeconds } }),
    });
    expect(friendlyError(limited(900))).toBe('Too many attempts. Try again in 15 minutes.');
    expect(friendlyError(limited(61))).toBe('Too many attempts. Try again in 61 seconds.');
    expect(friendlyError(limited(1))).toBe('Too many attempts. Try again in a second.');
    for (const odd of [undefined, 0, -5, 'soon', Number.NaN, null]) {
      expect(friendlyError(limited(odd)), String(odd)).toBe('Too many attempts. Try again in a few minutes.');
    }
  });
});
