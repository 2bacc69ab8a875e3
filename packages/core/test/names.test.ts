import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPasskeyName, resolvePolicy, validatePasskeyName } from '../src/index';

const invalid = (value: unknown) =>
  expect(() => validatePasskeyName(value)).toThrow(expect.objectContaining({ code: 'INVALID_NAME' }));

describe('validatePasskeyName', () => {
  it('normalises to NFC and trims', () => {
    expect(validatePasskeyName('  Cafe\u0301 phone  ')).toBe('Café phone');
    expect(validatePasskeyName('Work 💻')).toBe('Work 💻');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(validatePasskeyName('💻'.repeat(64))).toHaveLength(128);
    invalid('💻'.repeat(65));
    expect(() => validatePasskeyName('abcd', resolvePolicy({ nameMaxLength: 3 }))).toThrow();
  });

  it.each([
    '',
    '   ',
    'a\nb',
    'tab\there',
    'nul\u0000',
    'zero\u200bwidth',
    'bidi\u202eoverride',
    'b\ufeffom',
    'soft\u00adhyphen',
    'lone \ud800 surrogate',
  ])('refuses %j', (name) => invalid(name));

  it('refuses non-strings', () => {
    for (const value of [null, undefined, 42, {}, [], true, new Date(0)]) invalid(value);
  });

  it('returns a valid name or throws INVALID_NAME for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        let out: string;
        try {
          out = validatePasskeyName(s);
        } catch (err) {
          expect(err).toMatchObject({ code: 'INVALID_NAME', status: 400 });
          return;
        }
        expect(out).toBe(out.normalize('NFC').trim());
        expect([...out].length).toBeGreaterThan(0);
        expect([...out].length).toBeLessThanOrEqual(64);
        expect(/[\p{Cc}\p{Cf}]/u.test(out)).toBe(false);
        expect(validatePasskeyName(out)).toBe(out);
      }),
    );
  });
});

describe('defaultPasskeyName', () => {
  const icloud = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
  const zero = '00000000-0000-0000-0000-000000000000';
  it('names by provider, else by attachment', () => {
    expect(defaultPasskeyName({ aaguid: icloud, attachment: 'platform', existingNames: [] })).toBe(
      'Apple Passwords',
    );
    expect(defaultPasskeyName({ aaguid: zero, attachment: 'cross-platform', existingNames: [] })).toBe(
      'Security key',
    );
    expect(defaultPasskeyName({ aaguid: zero, attachment: 'platform', existingNames: [] })).toBe(
      'This device',
    );
    expect(defaultPasskeyName({ aaguid: null, attachment: null, existingNames: [] })).toBe('This device');
  });
  it('makes the name unique per user', () => {
    const existingNames = ['Security key', 'security key (2)', 'Security key (4)'];
    expect(defaultPasskeyName({ aaguid: zero, attachment: 'cross-platform', existingNames })).toBe(
      'Security key (3)',
    );
  });
});
