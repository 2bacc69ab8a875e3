import { createHash } from 'node:crypto';
import { decodeCredentialPublicKey, isoCBOR, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAuthenticatorData } from '../src/authenticator-data';
import { fromBase64url } from '../src/base64url';
import { encodeCbor } from '../src/cbor';
import { coseKeyOf, encodeCoseKey } from '../src/cose';
import { createSoftwareAuthenticator, decodeCbor } from '../src/index';
import { generateKeyPair } from '../src/keys';
import { ORIGIN, registrationOptions } from './helpers';

describe('CBOR', () => {
  it('encodes Maps with integer keys as CBOR maps, and bytes as untagged byte strings', () => {
    const bytes = encodeCbor(
      new Map<number, unknown>([
        [1, 2],
        [-2, new Uint8Array([0xaa, 0xbb])],
      ]),
    );
    // a2: map(2); 01 02; 21: -2; 42 aa bb: bytes(2). No tag 64 (d8 40).
    expect(Buffer.from(bytes).toString('hex')).toBe('a201022142aabb');
  });

  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    'writes a %s COSE key that re-encodes to the same bytes',
    (alg) => {
      const { publicKey } = generateKeyPair(alg);
      const encoded = encodeCoseKey(alg, publicKey);
      // Verifiers measure the key in authData by decoding and re-encoding it.
      expect(isoCBOR.encode(isoCBOR.decodeFirst(encoded))).toEqual(encoded);
      expect(decodeCredentialPublicKey(encoded).get(3)).toBe({ ES256: -7, EdDSA: -8, RS256: -257 }[alg]);
      const keys = [...(decodeCbor(encoded) as Map<unknown, unknown>).keys()];
      expect(keys.every((k) => typeof k === 'number')).toBe(true);
    },
  );

  it('lays out EC2 and OKP keys as L3 §6.5.1.1 shows', () => {
    const ec = coseKeyOf('ES256', generateKeyPair('ES256').publicKey);
    expect([...ec.keys()]).toEqual([1, 3, -1, -2, -3]);
    expect([ec.get(1), ec.get(3), ec.get(-1)]).toEqual([2, -7, 1]);
    expect((ec.get(-2) as Uint8Array).length).toBe(32);
    const okp = coseKeyOf('EdDSA', generateKeyPair('EdDSA').publicKey);
    expect([okp.get(1), okp.get(3), okp.get(-1), (okp.get(-2) as Uint8Array).length]).toEqual([1, -8, 6, 32]);
  });

  it('builds the attestation object as a map of fmt, attStmt and authData', async () => {
    const authenticator = createSoftwareAuthenticator({ attestation: 'packed-self' });
    const response = await authenticator.create(await registrationOptions(), { origin: ORIGIN });
    const object = decodeCbor(fromBase64url(response.response.attestationObject)) as Map<string, unknown>;
    expect([...object.keys()]).toEqual(['fmt', 'attStmt', 'authData']);
    expect(object.get('fmt')).toBe('packed');
    expect([...(object.get('attStmt') as Map<string, unknown>).keys()]).toEqual(['alg', 'sig']);
    expect(Buffer.from(object.get('authData') as Uint8Array).toString('base64url')).toBe(
      response.response.authenticatorData,
    );
  });
});

describe('authenticator data', () => {
  const flags = fc.record({ up: fc.boolean(), uv: fc.boolean(), be: fc.boolean(), bs: fc.boolean() });

  it('lays out rpIdHash, flags and a big-endian counter in 37 bytes', () => {
    fc.assert(
      fc.property(flags, fc.nat({ max: 0xffffffff }), fc.domain(), (f, counter, rpId) => {
        fc.pre(f.be || !f.bs); // BS without BE is invalid (L3 §6.1.3)
        const data = encodeAuthenticatorData({ rpId, flags: f, counter });
        const parsed = parseAuthenticatorData(data);
        expect(data.length).toBe(37);
        expect(Buffer.from(parsed.rpIdHash)).toEqual(createHash('sha256').update(rpId).digest());
        expect(parsed.flags).toMatchObject({ ...f, at: false, ed: false });
        expect(parsed.counter).toBe(counter);
      }),
      { numRuns: 200 },
    );
  });

  it('appends attested credential data with the AT flag', () => {
    const { publicKey } = generateKeyPair('ES256');
    const cosePublicKey = encodeCoseKey('ES256', publicKey);
    const aaguid = new Uint8Array(16).fill(7);
    const credentialId = new Uint8Array(300).fill(9);
    const data = encodeAuthenticatorData({
      rpId: 'example.com',
      flags: { up: true, uv: true, be: false, bs: false },
      counter: 0,
      attested: { aaguid, credentialId, cosePublicKey },
    });
    const parsed = parseAuthenticatorData(data);
    expect(parsed.flags.at).toBe(true);
    expect(parsed.flags.flagsInt).toBe(0x45);
    expect(parsed.aaguid).toEqual(aaguid);
    expect(parsed.credentialID).toEqual(credentialId);
    expect(parsed.credentialPublicKey).toEqual(cosePublicKey);
    expect(data.length).toBe(37 + 16 + 2 + 300 + cosePublicKey.length);
  });
});
