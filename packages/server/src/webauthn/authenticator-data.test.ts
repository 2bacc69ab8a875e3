import { isoCBOR } from '@simplewebauthn/server/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credential, RP_ID_HASH, throwsCode, unb64 } from '../../test/webauthn/helpers';
import { parseAttestationObject } from './attestation-object';
import { parseAuthenticatorData } from './authenticator-data';

/** Authenticator data with these flags and counter and `rest` after the 37-byte header. */
function authData(flags: number, counter: number, rest: Uint8Array = new Uint8Array()) {
  const out = new Uint8Array(37 + rest.length);
  out.set(RP_ID_HASH, 0);
  out[32] = flags;
  new DataView(out.buffer).setUint32(33, counter);
  out.set(rest, 37);
  return out;
}

describe('parseAuthenticatorData', () => {
  it('reads an assertion’s RP ID hash, flags and counter, and keeps its bytes', async () => {
    const { assertion } = await credential('ES256', 'none', { be: true, bs: true });
    const bytes = unb64((await assertion()).response.authenticatorData);
    const parsed = parseAuthenticatorData(bytes);
    expect(parsed.rpIdHash).toEqual(RP_ID_HASH);
    expect(parsed.flags).toEqual({ up: true, uv: true, be: true, bs: true, at: false, ed: false });
    expect(parsed.counter).toBe(1);
    expect(parsed.bytes).toBe(bytes);
    expect(parsed.attested).toBeUndefined();
  });

  it('reads a registration’s attested credential: AAGUID, credential ID and the COSE key bytes as sent', async () => {
    const { registration, stored } = await credential('EdDSA');
    const object = parseAttestationObject(unb64(registration.response.attestationObject));
    expect(object.authData.attested).toMatchObject({
      aaguid: '00000000-0000-0000-0000-000000000000',
      credentialId: unb64(stored.id),
      publicKey: stored.publicKey,
    });
  });

  it('reads extensions when ED is set', () => {
    const extensions = isoCBOR.encode(new Map([['credProtect', 2]]));
    const parsed = parseAuthenticatorData(authData(0x81, 7, extensions));
    expect(parsed.extensions).toEqual(new Map([['credProtect', 2]]));
  });

  it('refuses data that is short, truncated, carries leftovers or lacks what its flags announce', async () => {
    const map = isoCBOR.encode(new Map([['x', 1]]));
    const attested = (key: Uint8Array) => {
      const head = new Uint8Array(18 + 4);
      head[17] = 4; // credential ID of 4 bytes
      return Uint8Array.from([...head, ...key]);
    };
    for (const bad of [
      new Uint8Array(36),
      authData(0x01, 0, Uint8Array.of(0)), // a byte after the counter, no AT or ED
      authData(0x81, 0), // ED without extensions
      authData(0x81, 0, Uint8Array.from([...map, 0])), // a byte after the extensions
      authData(0x81, 0, Uint8Array.of(0x01)), // extensions that are not a map
      authData(0x41, 0, new Uint8Array(10)), // AT, too short for its header
      authData(0x41, 0, attested(new Uint8Array())), // AT without a public key
      authData(0x41, 0, attested(Uint8Array.of(0x4a, 1))), // a truncated public key
      authData(0x41, 0, attested(Uint8Array.of(0x01))), // a public key that is not a map
    ]) {
      await throwsCode(() => parseAuthenticatorData(bad), 'INVALID_REQUEST');
    }
  });

  it('answers any change to a registration’s authenticator data with a parse or INVALID_REQUEST', async () => {
    const { registration } = await credential('ES256');
    const valid = parseAttestationObject(unb64(registration.response.attestationObject)).authData.bytes;
    fc.assert(
      fc.property(
        fc.nat(valid.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.nat(valid.length),
        (at, xor, cut) => {
          const changed = valid.slice(0, Math.max(cut, at + 1));
          changed[at] = (changed[at] as number) ^ xor;
          try {
            parseAuthenticatorData(changed);
          } catch (err) {
            expect(err).toMatchObject({ name: 'PasskeyError', code: 'INVALID_REQUEST' });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
