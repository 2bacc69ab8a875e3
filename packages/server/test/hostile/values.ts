/**
 * Hostile values for one field: wrong types, edge lengths, Unicode that breaks naive code
 * (lone surrogates, NUL, bidi overrides, combining floods), huge and odd numbers, deep nesting,
 * and the keys of prototype pollution. `rawValue` also yields JSON text no `JSON.stringify`
 * makes (1e999, 30-digit integers, 5,000 levels of nesting, duplicate keys).
 */
import fc from 'fast-check';

const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFF',
  '\uDC00x',
  '\uFEFF',
  '\u202E',
  '\u200B\u200D',
  '\uFFFF',
  '\uFFFE',
  'e\u0301',
  'e'.padEnd(2001, '\u0301'),
  '😀'.repeat(65),
  '𝔸',
  ' ',
  '\t\n\r',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u2028\u2029',
  'İ',
  'ﬀ',
  'ǅ',
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  1e-7,
];

/** Names of prototype pollution and of the object model. */
export const POLLUTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

/** One hostile JSON value. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, false, [], {}, '', [null], [[]], { '': '' }),
    fc.constantFrom(...UNICODE),
    fc.constantFrom(...NUMBERS),
    fc.double(),
    fc.bigInt().map((n) => Number(n)),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom(1, 63, 64, 65, 128, 256, 1024, 10_000, 60_000).map((n) => 'x'.repeat(n)),
    fc.array(fc.constantFrom(...UNICODE), { minLength: 1, maxLength: 20 }).map((a) => a.join('')),
    fc.integer({ min: 1, max: 200 }).map((d) => nested(d, 'x')),
    fc.constantFrom(...POLLUTING_KEYS).map((k) => JSON.parse(`{"${k}":{"polluted":true,"isAdmin":true}}`)),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.jsonValue(),
  );

/** JSON text for one value, beyond what JSON.stringify writes. */
export const rawValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileValue().map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '1e999',
        '-1e999',
        '123456789012345678901234567890',
        '0.0000000000000000000000000000001e-400',
        '-0.0',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
        '"\\ud800"',
        '"\\udfff\\ud800"',
        '"\\u0000"',
        '{"a":1,"a":2}',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
      ),
    },
  );

/** Text a header value may hold (no CR, LF or NUL; Latin-1 above ASCII). */
export const headerText = (maxLength = 40) =>
  fc.string({
    unit: fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });
