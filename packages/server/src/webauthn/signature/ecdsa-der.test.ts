import { generateKeyPairSync, sign, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw } from './ecdsa-der';

const N = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
/** A DER Ecdsa-Sig-Value of two INTEGERs given as their content bytes (hex). */
const der = (r: string, s: string) => {
  const int = (v: string) => `02${(v.length / 2).toString(16).padStart(2, '0')}${v}`;
  const body = int(r) + int(s);
  return hex(`30${(body.length / 2).toString(16).padStart(2, '0')}${body}`);
};

describe('ecdsaDerToRaw', () => {
  it('gives the raw r ‖ s that verifies as IEEE P1363, for any message', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (message) => {
        const raw = ecdsaDerToRaw(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
        expect(raw).toHaveLength(64);
        expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw!)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('pads short integers and drops the sign byte of long ones', () => {
    const raw = ecdsaDerToRaw(der('01', `00${'80'.padEnd(64, '1')}`))!;
    expect(Buffer.from(raw).toString('hex')).toBe(`${'01'.padStart(64, '0')}${'80'.padEnd(64, '1')}`);
  });

  it('refuses r or s of 0 or at least n: the "psychic signature" of CVE-2022-21449', () => {
    const one = '01';
    const nMinus1 = `00${N.slice(0, -2)}50`;
    expect(ecdsaDerToRaw(der(one, nMinus1))).not.toBeNull();
    for (const [r, s] of [
      ['00', '00'],
      ['00', one],
      [one, '00'],
      [`00${N}`, one],
      [one, `00${N}`],
      [one, `00${'ff'.repeat(32)}`],
      ['0000', one], // zero written in two bytes
    ]) {
      expect(ecdsaDerToRaw(der(r as string, s as string)), `${r}, ${s}`).toBeNull();
    }
  });

  it('refuses what is not one DER SEQUENCE of two positive INTEGERs of at most 32 bytes', () => {
    const good = der('01', '02');
    expect(ecdsaDerToRaw(good)).not.toBeNull();
    for (const bad of [
      Uint8Array.from([...good, 0]), // a byte after the sequence
      hex('3006020101020102').slice(0, 7), // truncated
      hex('3106020101020102'), // not a SEQUENCE
      hex('3007020101020102'), // a length that is not the rest
      hex('300603010102010200'.slice(0, 16)), // not an INTEGER
      der('81', '01'), // negative r
      der('01', 'ff'), // negative s
      der(`00${'11'.repeat(32)}`, '01'), // a sign byte that was not needed
      der(`${'11'.repeat(33)}`, '01'), // 33 bytes of value
      hex('308106020101020102'), // long-form length
      hex('3009020101020102020103'), // three INTEGERs
      new Uint8Array(),
    ]) {
      expect(ecdsaDerToRaw(bad), Buffer.from(bad).toString('hex')).toBeNull();
    }
  });
});
