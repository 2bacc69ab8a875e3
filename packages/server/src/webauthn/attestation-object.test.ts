import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { credential, throwsCode, unb64 } from '../../test/webauthn/helpers';
import { parseAttestationObject } from './attestation-object';

describe('parseAttestationObject', () => {
  it('decodes fmt, attStmt, authData and the public key once', async () => {
    const { registration, stored } = await credential('ES256', 'packed-self');
    const parsed = parseAttestationObject(unb64(registration.response.attestationObject));
    expect(parsed.fmt).toBe('packed');
    expect(parsed.attStmt.get('alg')).toBe(-7);
    expect(parsed.attStmt.get('sig')).toBeInstanceOf(Uint8Array);
    expect(parsed.authData.attested.publicKey).toEqual(stored.publicKey);
    expect(parsed.publicKey).toMatchObject({ kty: 'EC2', alg: -7 });
  });

  it('refuses anything else: bytes after the map, missing or mistyped members, no credential', async () => {
    const { registration } = await credential('ES256');
    const valid = unb64(registration.response.attestationObject);
    const decoded = isoCBOR.decodeFirst<Map<string, unknown>>(valid);
    const variant = (change: (m: Map<string, unknown>) => void) => {
      const copy = new Map(decoded);
      change(copy);
      return isoCBOR.encode(copy as never);
    };
    const authData = decoded.get('authData') as Uint8Array;
    const withoutCredential = authData.slice(0, 37);
    withoutCredential[32] = (withoutCredential[32] as number) & ~0x40;
    for (const bad of [
      Uint8Array.from([...valid, 0]),
      variant((m) => m.delete('fmt')),
      variant((m) => m.set('fmt', 1)),
      variant((m) => m.set('fmt', '')),
      variant((m) => m.set('attStmt', [])),
      variant((m) => m.set('authData', 'bytes')),
      variant((m) => m.set('authData', withoutCredential)),
      isoCBOR.encode([1, 2] as never),
    ]) {
      await throwsCode(() => parseAttestationObject(bad), 'INVALID_REQUEST');
    }
  });
});
