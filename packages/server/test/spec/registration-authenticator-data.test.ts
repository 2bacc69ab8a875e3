/**
 * WebAuthn L3 §7.1 (registering a new credential), steps 11–18 and 23: the attestation object and
 * the authenticator data it carries. Attestation `none` signs nothing, so each changed response is
 * one any client could send, and only the step under test stands in its way.
 */
import { decodeCbor } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { editRegistration } from '../advisories/forge';
import { alice, rejectsWith } from '../helpers';
import { b64, nothingStored, registration } from './ceremony';

/** Authenticator data with its flags byte set to `flags`. */
const withFlags = (flags: (byte: number) => number) => (authData: Uint8Array) => {
  const copy = authData.slice();
  copy[32] = flags(copy[32] as number);
  return copy;
};

/** The offset of the COSE key in registration authenticator data: after the 16-byte AAGUID and the ID. */
const keyAt = (authData: Uint8Array) =>
  37 + 16 + 2 + ((authData[53] as number) << 8) + (authData[54] as number);

describe('WebAuthn L3 §7.1 steps 11–18 and 23: the attestation object and its authenticator data', () => {
  it('§7.1 step 11: an attestation object that is not CBOR of fmt, attStmt and authData is INVALID_REQUEST', async () => {
    const r = await registration();
    const objects = [
      new Uint8Array([0xa1, 0x63]),
      isoCBOR.encode(new Map<string, unknown>([['fmt', 'none']]) as never),
      isoCBOR.encode(['none', new Map(), new Uint8Array(37)] as never),
    ];
    for (const object of objects) {
      const bad = { ...r.response, response: { ...r.response.response, attestationObject: b64(object) } };
      await rejectsWith(r.finish(bad), 'INVALID_REQUEST');
    }
    await expect(r.finish()).resolves.toHaveProperty('passkey');
  });

  it('§7.1 step 12: authenticator data made for another RP ID is RP_ID_MISMATCH', async () => {
    const r = await registration({ call: { faults: { rpId: 'evil.example' } } });
    await rejectsWith(r.finish(), 'RP_ID_MISMATCH');
    await nothingStored(r.s);
  });

  it('§7.1 step 13: without user presence (UP) the registration is USER_VERIFICATION_REQUIRED', async () => {
    const r = await registration();
    await rejectsWith(
      r.finish(editRegistration(r.response, { authData: withFlags((f) => f & ~0x01) })),
      'USER_VERIFICATION_REQUIRED',
    );
    await nothingStored(r.s);
  });

  it('§7.1 step 14: without user verification (UV), required by policy, the registration is USER_VERIFICATION_REQUIRED', async () => {
    const r = await registration({ auth: { flags: { uv: false } } });
    await rejectsWith(r.finish(), 'USER_VERIFICATION_REQUIRED');
    const preferred = await registration({
      server: { policy: { userVerification: 'preferred' } },
      auth: { flags: { uv: false } },
    });
    await expect(preferred.finish()).resolves.toMatchObject({ passkey: { id: preferred.response.id } });
    expect((await preferred.s.store.get(preferred.response.id))?.userVerified).toBe(false);
  });

  it('§7.1 steps 15–16: backup eligibility and state are kept with the passkey; backed up but not eligible is refused', async () => {
    const synced = await registration({ auth: { flags: { be: true, bs: true } } });
    await expect(synced.finish()).resolves.toMatchObject({
      passkey: { synced: true, deviceType: 'multiDevice' },
    });
    const bound = await registration();
    await expect(bound.finish()).resolves.toMatchObject({
      passkey: { synced: false, deviceType: 'singleDevice' },
    });
    const impossible = await registration({ auth: { flags: { be: false, bs: true } } });
    await rejectsWith(impossible.finish(), 'VERIFICATION_FAILED');
  });

  it('§7.1 step 17: a public key whose alg was not offered (ES384 here) is VERIFICATION_FAILED', async () => {
    const r = await registration();
    const es384 = editRegistration(r.response, {
      authData: (authData) => {
        const at = keyAt(authData);
        const key = decodeCbor(authData.slice(at)) as Map<number, unknown>;
        key.set(3, -35);
        return new Uint8Array([...authData.slice(0, at), ...isoCBOR.encode(key as never)]);
      },
    });
    await rejectsWith(r.finish(es384), 'VERIFICATION_FAILED');
    await nothingStored(r.s);
  });

  it('§7.1 step 18: unsolicited client extension outputs are ignored; credProps and PRF are read as reported', async () => {
    const r = await registration();
    const results = { credProps: { rk: true }, prf: { enabled: false }, unsolicited: { anything: 1 } };
    await expect(r.finish({ ...r.response, clientExtensionResults: results })).resolves.toHaveProperty(
      'passkey',
    );
    expect((await r.s.store.listByUser(alice.id))[0]).toMatchObject({ prf: false });
  });

  it('§7.1 step 23: a credential ID other than the one in the authenticator data is VERIFICATION_FAILED', async () => {
    const r = await registration();
    const other = b64(new Uint8Array(32).fill(9));
    await rejectsWith(r.finish({ ...r.response, id: other, rawId: other }), 'VERIFICATION_FAILED');
    await nothingStored(r.s);
  });
});
