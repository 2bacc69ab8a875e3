import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { credential, throwsCode } from '../../test/webauthn/helpers';
import { parseCoseKey } from './cose-key';

const encode = (entries: Array<[number, number | Uint8Array]>) => isoCBOR.encode(new Map(entries) as never);
const bytes = (n: number) => new Uint8Array(n).fill(1);

describe('parseCoseKey', () => {
  it('parses the keys of the three algorithms this server offers', async () => {
    const es = parseCoseKey((await credential('ES256')).stored.publicKey);
    expect(es).toMatchObject({ kty: 'EC2', alg: -7, crv: 'P-256' });
    expect(es.kty === 'EC2' && [es.x.length, es.y.length]).toEqual([32, 32]);
    expect(parseCoseKey((await credential('EdDSA')).stored.publicKey)).toMatchObject({
      kty: 'OKP',
      alg: -8,
      crv: 'Ed25519',
    });
    const rsa = parseCoseKey((await credential('RS256')).stored.publicKey);
    expect(rsa).toMatchObject({ kty: 'RSA', alg: -257 });
    expect(rsa.kty === 'RSA' && rsa.n.length).toBe(256);
  });

  it('parses EC2 keys on P-384 and P-521, and keeps other key types for SimpleWebAuthn', () => {
    expect(
      parseCoseKey(
        encode([
          [1, 2],
          [3, -35],
          [-1, 2],
          [-2, bytes(48)],
          [-3, bytes(48)],
        ]),
      ),
    ).toMatchObject({ crv: 'P-384' });
    expect(
      parseCoseKey(
        encode([
          [1, 2],
          [3, -36],
          [-1, 3],
          [-2, bytes(66)],
          [-3, bytes(66)],
        ]),
      ),
    ).toMatchObject({ crv: 'P-521' });
    expect(
      parseCoseKey(
        encode([
          [1, 7],
          [3, -48],
          [-1, bytes(1312)],
        ]),
      ),
    ).toEqual({ kty: 'other', alg: -48 });
  });

  it('refuses keys without an integer kty and alg, on unknown curves, or with parameters of the wrong size', async () => {
    for (const entries of [
      [
        [3, -7],
        [-1, 1],
        [-2, bytes(32)],
        [-3, bytes(32)],
      ], // no kty
      [
        [1, 2],
        [-1, 1],
        [-2, bytes(32)],
        [-3, bytes(32)],
      ], // no alg
      [
        [1, 2],
        [3, -7],
        [-1, 8],
        [-2, bytes(32)],
        [-3, bytes(32)],
      ], // secp256k1
      [
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, bytes(31)],
        [-3, bytes(32)],
      ], // short x
      [
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, bytes(32)],
      ], // no y
      [
        [1, 1],
        [3, -8],
        [-1, 4],
        [-2, bytes(32)],
      ], // X25519 is not for signatures
      [
        [1, 1],
        [3, -8],
        [-1, 6],
        [-2, bytes(57)],
      ], // an Ed448-sized x
      [
        [1, 3],
        [3, -257],
        [-2, bytes(3)],
      ], // RSA without n
      [
        [1, 3],
        [3, -257],
        [-1, new Uint8Array(0)],
        [-2, bytes(3)],
      ], // RSA with an empty n
      [
        [1, 3],
        [3, -257],
        [-1, bytes(256)],
        [-2, new Uint8Array(0)],
      ], // RSA with an empty e
    ] as Array<Array<[number, number | Uint8Array]>>) {
      await throwsCode(() => parseCoseKey(encode(entries)), 'INVALID_REQUEST');
    }
    await throwsCode(() => parseCoseKey(isoCBOR.encode(new Map([['kty', 2]]) as never)), 'INVALID_REQUEST');
    await throwsCode(() => parseCoseKey(isoCBOR.encode([1, 2] as never)), 'INVALID_REQUEST');
    await throwsCode(() => parseCoseKey(Uint8Array.of(...encode([[1, 1]]), 0)), 'INVALID_REQUEST');
  });
});
