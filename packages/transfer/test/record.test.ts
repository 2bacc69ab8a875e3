import type { Passkey } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { coseAlgorithm, parsePasskeyRecord, toPasskeyRecord } from '../src/index';
import { coseKeys } from './keys';

let keys: Awaited<ReturnType<typeof coseKeys>>;
beforeAll(async () => {
  keys = await coseKeys();
});

const valid = (overrides: Partial<Passkey> = {}) =>
  samplePasskey({ publicKey: keys.ES256, algorithm: -7, ...overrides });
const recordOf = (p: Passkey) => JSON.parse(JSON.stringify(toPasskeyRecord(p))) as Record<string, unknown>;
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toMatchObject({ name: 'PasskeyError', code: 'INVALID_REQUEST' });
    return (err as { details?: { field?: string } }).details?.field;
  }
  throw new Error('expected a refusal');
};

describe('a passkey record', () => {
  it('reads back every field of any valid passkey exactly', async () => {
    const b64 = (min: number, max: number) =>
      fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString('base64url'));
    const date = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));
    const passkey = fc
      .record({
        id: b64(1, 200),
        userId: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !s.includes('\u0000')),
        userHandle: b64(1, 64),
        alg: fc.constantFrom('ES256', 'EdDSA', 'RS256' as const),
        counter: fc.integer({ min: 0, max: 0xffffffff }),
        transports: fc.subarray(['ble', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']),
        device: fc.constantFrom(['singleDevice', false], ['multiDevice', false], ['multiDevice', true]),
        userVerified: fc.boolean(),
        prf: fc.boolean(),
        aaguid: fc.uuid(),
        attachment: fc.constantFrom('platform', 'cross-platform', null),
        name: fc
          .stringMatching(/^[\p{L}\p{N}][\p{L}\p{N} ()'’-]{0,40}[\p{L}\p{N})]$/u)
          .map((s) => s.normalize('NFC')),
        createdAt: date,
        lastUsedAt: fc.option(date, { nil: null }),
      })
      .map(
        ({ alg, device, ...r }): Passkey => ({
          ...r,
          publicKey: keys[alg],
          algorithm: { ES256: -7, EdDSA: -8, RS256: -257 }[alg],
          deviceType: device[0] as Passkey['deviceType'],
          backedUp: device[1] as boolean,
        }),
      );
    fc.assert(
      fc.property(passkey, (p) => {
        expect(parsePasskeyRecord(recordOf(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('reads prf absent in the store as false, so that every export has every field', () => {
    const { prf: _, ...older } = valid();
    expect(recordOf(older as Passkey).prf).toBe(false);
  });

  it('refuses each bad value, naming its field', () => {
    const bad: Record<string, unknown[]> = {
      id: ['', 'a', 'ab=', 'a+b', 'AB', null, 42, 'x'.repeat(1366)],
      userId: ['', 'x'.repeat(257), 'a\u0000b', 7, null],
      userHandle: ['', 'ab==', 'A'.repeat(88), null, 'AB'],
      publicKey: ['', 'a', randomId(40), null],
      algorithm: [-8, -257, 0, '-7', null],
      counter: [-1, 1.5, 4_294_967_296, '5', null],
      transports: ['usb', ['USB'], ['usb', 'usb'], [1], null],
      deviceType: ['single', null],
      backedUp: ['true', 1, null],
      userVerified: ['false', 0, null],
      prf: ['no', null],
      aaguid: ['', 'not-a-uuid', 42, null],
      attachment: ['internal', '', 0],
      name: ['', '   ', 'a\u200bb', 'x'.repeat(65), null],
      createdAt: ['2026-01-01', '2026-01-01T00:00:00', 'yesterday', 0, null, '2026-02-30T00:00:00Z'],
      lastUsedAt: ['', 'soon', 0],
    };
    for (const [field, values] of Object.entries(bad)) {
      for (const value of values) {
        const record = { ...recordOf(valid()), [field]: value };
        expect(
          fieldOf(() => parsePasskeyRecord(record)),
          `${field}: ${JSON.stringify(value)}`,
        ).toBe(field);
      }
    }
    const singleBackedUp = { ...recordOf(valid()), deviceType: 'singleDevice', backedUp: true };
    expect(fieldOf(() => parsePasskeyRecord(singleBackedUp))).toBe('backedUp');
  });

  it('refuses a record with a field missing or one it does not know', () => {
    const record = recordOf(valid());
    for (const key of Object.keys(record)) {
      const { [key]: _, ...without } = record;
      expect(fieldOf(() => parsePasskeyRecord(without))).toBe(key);
    }
    expect(fieldOf(() => parsePasskeyRecord({ ...record, role: 'admin' }))).toBe('role');
    for (const notObject of [null, [], 'x', 1])
      expect(fieldOf(() => parsePasskeyRecord(notObject))).toBe('record');
  });
});

describe('coseAlgorithm', () => {
  it('reads the algorithm of real keys', () => {
    expect([coseAlgorithm(keys.ES256), coseAlgorithm(keys.EdDSA), coseAlgorithm(keys.RS256)]).toEqual([
      -7, -8, -257,
    ]);
  });

  it('refuses what is not a usable COSE key', () => {
    const es = keys.ES256;
    const cases = [
      new Uint8Array(),
      es.subarray(0, es.length - 1), // truncated
      Uint8Array.from([...es, 0]), // trailing byte
      Uint8Array.from([0x82, 0x01, 0x02]), // an array, not a map
      Uint8Array.from([0xa1, 0x01, 0x02]), // a map without alg
      Uint8Array.from(es).map((b, i) => (i === es.indexOf(0x26) ? 0x27 : b)), // alg -7 → -8 on an EC2 key
    ];
    for (const key of cases) expect(fieldOf(() => coseAlgorithm(key))).toBe('publicKey');
  });
});
