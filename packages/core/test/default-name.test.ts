import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DefaultPasskeyNameInput, defaultPasskeyName, validatePasskeyName } from '../src/index';

const APPLE = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd'; // "Apple Passwords"
const MANAGED = 'dd4ec289-e01d-41c9-bb89-70fa845d4bf2'; // "iCloud Keychain (Managed)"
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4'; // "Google Password Manager"
const YUBIKEY = 'cb69481e-8ff7-4039-93ec-0a2729a154a8'; // "YubiKey 5 Series"
const ZERO = '00000000-0000-0000-0000-000000000000';
// The longest name in the catalogue (116 characters).
const LONG = '5ca1ab1e-fa57-1337-f1d0-a117371ca702';

const name = (input: Partial<DefaultPasskeyNameInput>) =>
  defaultPasskeyName({ aaguid: ZERO, attachment: null, existingNames: [], ...input });

describe('defaultPasskeyName: what the passkey is', () => {
  it('names a known provider, whatever else is known', () => {
    expect(name({ aaguid: APPLE, attachment: 'platform', device: 'Safari on Mac' })).toBe('Apple Passwords');
    expect(name({ aaguid: GOOGLE, attachment: 'cross-platform', transports: ['hybrid', 'internal'] })).toBe(
      'Google Password Manager',
    );
    expect(name({ aaguid: YUBIKEY, attachment: 'cross-platform', transports: ['usb', 'nfc'] })).toBe(
      'YubiKey 5 Series',
    );
  });

  it('names this device by its browser and system, else "This device"', () => {
    expect(name({ attachment: 'platform', transports: ['internal'], device: 'Chrome on Windows' })).toBe(
      'Chrome on Windows',
    );
    expect(name({ attachment: 'platform', device: 'Safari on iPhone', authenticator: 'this-device' })).toBe(
      'Safari on iPhone',
    );
    // An Android phone's own passkey reports hybrid too: it is still this device.
    expect(
      name({ attachment: 'platform', transports: ['internal', 'hybrid'], device: 'Chrome on Android' }),
    ).toBe('Chrome on Android');
    expect(name({ attachment: 'platform', transports: ['internal'] })).toBe('This device');
  });

  it('names a phone or tablet over QR (hybrid), never a security key', () => {
    for (const authenticator of ['other-device', 'security-key', 'any', undefined] as const) {
      expect(
        name({
          attachment: 'cross-platform',
          transports: ['hybrid', 'internal'],
          authenticator,
          device: 'Chrome on Windows',
        }),
        String(authenticator),
      ).toBe('Phone or tablet (QR)');
    }
    // No transports reported: the choice decides.
    expect(name({ attachment: 'cross-platform', authenticator: 'other-device' })).toBe(
      'Phone or tablet (QR)',
    );
    expect(name({ attachment: 'cross-platform', authenticator: 'security-key' })).toBe('Security key');
    expect(name({ attachment: 'cross-platform' })).toBe('Security key');
  });

  it('trusts the transports over the choice: a key plugged in when a phone was offered is a key', () => {
    for (const transports of [['usb'], ['nfc'], ['ble'], ['usb', 'nfc']]) {
      expect(name({ attachment: 'cross-platform', authenticator: 'other-device', transports })).toBe(
        'Security key',
      );
      expect(name({ attachment: null, authenticator: 'this-device', transports })).toBe('Security key');
    }
  });

  it('reads the transports and the choice when the browser gave no attachment', () => {
    expect(name({ transports: ['internal'], device: 'Firefox on Linux' })).toBe('Firefox on Linux');
    expect(name({ transports: ['hybrid'] })).toBe('Phone or tablet (QR)');
    expect(name({ transports: ['hybrid', 'internal'], authenticator: 'other-device' })).toBe(
      'Phone or tablet (QR)',
    );
    expect(name({ authenticator: 'this-device', device: 'Chrome on Mac' })).toBe('Chrome on Mac');
    expect(name({ authenticator: 'other-device' })).toBe('Phone or tablet (QR)');
    expect(name({ authenticator: 'security-key' })).toBe('Security key');
    // Nothing known: no claim about where it is.
    expect(name({})).toBe('Passkey');
    expect(name({ authenticator: 'any', device: 'Chrome on Windows' })).toBe('Passkey');
  });

  it('ignores device words that would not make a valid name', () => {
    for (const device of ['', '   ', 'Chrome\u202e on Windows', 'a\nb']) {
      expect(name({ attachment: 'platform', device })).toBe('This device');
    }
  });
});

describe('defaultPasskeyName: unique per user', () => {
  it('tells a provider apart by the device, then numbers it', () => {
    const input = { aaguid: APPLE, attachment: 'platform', device: 'Safari on iPhone' } as const;
    expect(name({ ...input, existingNames: ['apple passwords'] })).toBe('Apple Passwords (Safari on iPhone)');
    expect(name({ ...input, existingNames: ['Apple Passwords', 'Apple Passwords (Safari on iPhone)'] })).toBe(
      'Apple Passwords (2)',
    );
    expect(
      name({
        aaguid: MANAGED,
        attachment: 'platform',
        device: 'Safari on Mac',
        existingNames: ['iCloud Keychain (Managed)'],
      }),
    ).toBe('iCloud Keychain (Managed, Safari on Mac)');
  });

  it('numbers only when nothing better tells them apart', () => {
    const windows = { attachment: 'platform', device: 'Chrome on Windows' } as const;
    expect(name({ ...windows, existingNames: ['Chrome on Windows'] })).toBe('Chrome on Windows (2)');
    expect(name({ ...windows, existingNames: ['Chrome on Windows', 'chrome on windows (2)'] })).toBe(
      'Chrome on Windows (3)',
    );
    // A key or a phone is not the browser's device: its words tell nothing apart.
    const key = { attachment: 'cross-platform', transports: ['usb'], device: 'Chrome on Windows' } as const;
    expect(name({ ...key, existingNames: ['Security key', 'Security key (2)', 'Security key (4)'] })).toBe(
      'Security key (3)',
    );
    const phone = { attachment: 'cross-platform', transports: ['hybrid'] } as const;
    expect(name({ ...phone, existingNames: ['Phone or tablet (QR)'] })).toBe('Phone or tablet (QR, 2)');
    expect(name({ attachment: 'platform', existingNames: ['This device'] })).toBe('This device (2)');
  });

  it('compares names as the rule normalises them (NFC, any case)', () => {
    const cafe = 'Cafe\u0301 on Mac';
    expect(name({ attachment: 'platform', device: 'Café on Mac', existingNames: [cafe.toUpperCase()] })).toBe(
      'Café on Mac (2)',
    );
  });
});

describe('defaultPasskeyName: within the length rule', () => {
  it('cuts a long provider name to maxLength, keeping the number', () => {
    const long = name({ aaguid: LONG, attachment: 'cross-platform' });
    expect([...long]).toHaveLength(64);
    expect(long.endsWith('…')).toBe(true);
    const second = name({ aaguid: LONG, attachment: 'cross-platform', existingNames: [long] });
    expect([...second]).toHaveLength(64);
    expect(second.endsWith('… (2)')).toBe(true);
    expect(name({ attachment: 'platform', device: 'Chrome on Windows', maxLength: 10 })).toBe('Chrome on…');
  });

  it('gives a valid name, new to the user, for any input (property)', () => {
    const transport = fc.constantFrom('usb', 'nfc', 'ble', 'hybrid', 'internal', 'smart-card', 'other');
    fc.assert(
      fc.property(
        fc.record({
          aaguid: fc.constantFrom(APPLE, MANAGED, GOOGLE, YUBIKEY, ZERO, LONG, null),
          attachment: fc.constantFrom('platform', 'cross-platform', null),
          authenticator: fc.constantFrom('this-device', 'other-device', 'security-key', 'any', undefined),
          transports: fc.array(transport, { maxLength: 4 }),
          device: fc.option(fc.string({ maxLength: 40 })),
          existingNames: fc.array(fc.string({ maxLength: 70 }), { maxLength: 12 }),
          maxLength: fc.integer({ min: 16, max: 256 }),
        }),
        (input) => {
          const out = defaultPasskeyName(input as DefaultPasskeyNameInput);
          expect(validatePasskeyName(out, { nameMaxLength: input.maxLength })).toBe(out);
          const taken = input.existingNames.map((n) => n.normalize('NFC').toLowerCase());
          expect(taken).not.toContain(out.toLowerCase());
        },
      ),
    );
  });
});
