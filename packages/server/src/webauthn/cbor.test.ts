import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { throwsCode } from '../../test/webauthn/helpers';
import { decodeCbor, decodeCborItem } from './cbor';

const bytes = (...b: number[]) => Uint8Array.from(b);
// { 1: 2, 3: h'0102' }
const MAP = [0xa2, 0x01, 0x02, 0x03, 0x42, 0x01, 0x02];

describe('decodeCborItem', () => {
  it('decodes the item at an offset and tells where it ends, leaving what follows', () => {
    const { value, end } = decodeCborItem(bytes(0xff, 0xff, ...MAP, 0x99), 2, 'x');
    expect(value).toEqual(
      new Map<number, unknown>([
        [1, 2],
        [3, bytes(1, 2)],
      ]),
    );
    expect(end).toBe(2 + MAP.length);
  });

  it('reads a view into a larger buffer at the view’s own offsets', () => {
    const big = bytes(0x63, 0x61, 0x62, 0x63, ...MAP); // "abc" then the map
    const view = big.subarray(4);
    expect(decodeCborItem(view, 0, 'x').value).toBeInstanceOf(Map);
    expect(decodeCborItem(view, 0, 'x').end).toBe(MAP.length);
  });

  it('refuses an item that claims more bytes than there are', async () => {
    await throwsCode(() => decodeCborItem(bytes(0x4a, 1, 2, 3), 0, 'x'), 'INVALID_REQUEST');
    await throwsCode(() => decodeCborItem(bytes(0xa1, 0x01, 0x45, 1, 2), 0, 'x'), 'INVALID_REQUEST');
  });

  it('refuses what is not well-formed or valid: indefinite and non-minimal lengths, duplicate keys, text that is not UTF-8, deep nesting, no data', async () => {
    for (const bad of [
      bytes(0x5f, 0x41, 0x00, 0xff), // indefinite byte string
      bytes(0x58, 0x01, 0x00), // length 1 written in two bytes
      bytes(0xa2, 0x01, 0x02, 0x01, 0x03), // key 1 twice
      bytes(0x1c), // reserved additional information
      bytes(0x62, 0xc3, 0x28), // a text string that is not UTF-8
      bytes(0xa1, 0x61, 0xff, 0x01), // a map key that is not UTF-8
      bytes(...Array(20).fill(0x81), 0x01), // arrays nested 20 deep
      bytes(),
    ]) {
      await throwsCode(() => decodeCborItem(bad, 0, 'x'), 'INVALID_REQUEST');
    }
  });

  it('answers any bytes with a value or INVALID_REQUEST, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(8), (data, offset) => {
        try {
          const { end } = decodeCborItem(data, offset, 'x');
          expect(end).toBeLessThanOrEqual(data.length);
        } catch (err) {
          expect(err).toMatchObject({ name: 'PasskeyError', code: 'INVALID_REQUEST' });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeCbor', () => {
  it('decodes a buffer that is exactly one item', () => {
    expect(decodeCbor(bytes(...MAP), 'x')).toBeInstanceOf(Map);
  });

  it('refuses bytes after the item', async () => {
    await throwsCode(() => decodeCbor(bytes(...MAP, 0x00), 'x'), 'INVALID_REQUEST');
  });
});
