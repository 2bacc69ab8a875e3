import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePolicy, validatePasskeyName } from '../src/index';

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

  it('says why in details.reason: an empty name is empty, whatever spaces it has', () => {
    const reason = (value: unknown, policy = resolvePolicy({})) => {
      try {
        validatePasskeyName(value, policy);
      } catch (err) {
        return (err as { code: string; details?: { reason?: string; maxLength?: number } }).details;
      }
      return null;
    };
    for (const spaces of ['', ' ', '   ', '\t \n', '\u00a0\u3000', '\u2028 ']) {
      expect(reason(spaces), JSON.stringify(spaces)).toEqual({ reason: 'empty', maxLength: 64 });
    }
    for (const bad of ['a\u0000b', 'zero\u200bwidth', 'bidi\u202e', 'lone \ud800']) {
      expect(reason(bad), JSON.stringify(bad)).toMatchObject({ reason: 'characters' });
    }
    expect(reason('abcd', resolvePolicy({ nameMaxLength: 3 }))).toEqual({ reason: 'too-long', maxLength: 3 });
    for (const value of [null, 42, {}]) expect(reason(value)).toMatchObject({ reason: 'not-text' });
  });

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
