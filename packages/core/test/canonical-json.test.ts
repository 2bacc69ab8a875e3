import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/index';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every depth, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: true }], A: 'x' })).toBe(
      '{"A":"x","a":[{"y":true,"z":null}],"b":1}',
    );
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts after "\r" and before the surrogate pair of 😀.
    expect(canonicalJson({ '😀': 1, '€': 2, '\r': 3 })).toBe('{"\\r":3,"€":2,"😀":1}');
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1, 333333333.3333333, Number.MIN_VALUE])).toBe(
      '[1e+21,1e-7,0,0.1,333333333.3333333,5e-324]',
    );
  });

  it('is independent of key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('refuses what is not plain JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [
      undefined,
      () => 1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      Symbol('x'),
      new Date(0),
      { a: undefined },
      cyclic,
    ]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });
});
