/**
 * WebAuthn L3 §7.2 (verifying an authentication assertion), steps 13–20, 22 and 23: the
 * authenticator data, the signature, the counter, and what a verified or refused assertion writes.
 * Changed assertions are signed again with the credential's own key.
 */
import { describe, expect, it } from 'vitest';
import { resign } from '../advisories/forge';
import { alice, rejectsWith } from '../helpers';
import { assertion, unb64, unused } from './ceremony';

const setFlags = (mask: number, value: number) => (authData: Uint8Array) => {
  const copy = authData.slice();
  copy[32] = ((copy[32] as number) & ~mask) | value;
  return copy;
};

describe('WebAuthn L3 §7.2 steps 13–20, 22–23: authenticator data, signature, counter and record', () => {
  it('§7.2 step 13: authenticator data made for another RP ID is RP_ID_MISMATCH', async () => {
    const a = await assertion({ call: { faults: { rpId: 'evil.example' } } });
    await rejectsWith(a.finish(), 'RP_ID_MISMATCH');
    await unused(a.s, a.passkey.id);
  });

  it('§7.2 step 14: without user presence (UP) the assertion is USER_VERIFICATION_REQUIRED', async () => {
    const a = await assertion();
    await rejectsWith(
      a.finish(resign(a.auth, a.response, { authData: setFlags(0x01, 0) })),
      'USER_VERIFICATION_REQUIRED',
    );
    await unused(a.s, a.passkey.id);
  });

  it('§7.2 step 15: without user verification (UV) the assertion is refused when policy requires it, or when the passkey was registered with it', async () => {
    const a = await assertion({ call: { flags: { uv: false } } });
    await rejectsWith(a.finish(), 'USER_VERIFICATION_REQUIRED');
    const preferred = { policy: { userVerification: 'preferred' as const } };
    const sticky = await assertion({ server: preferred, call: { flags: { uv: false } } });
    await rejectsWith(sticky.finish(), 'USER_VERIFICATION_REQUIRED');
    const u2f = await assertion({ server: preferred, auth: { flags: { uv: false } } });
    await expect(u2f.finish()).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 step 16: backup eligibility (BE) must be as registered; the backup state (BS) is recorded', async () => {
    const a = await assertion();
    await rejectsWith(
      a.finish(resign(a.auth, a.response, { authData: setFlags(0x08, 0x08) })),
      'VERIFICATION_FAILED',
    );
    await unused(a.s, a.passkey.id);
    const synced = await assertion({
      auth: { flags: { be: true, bs: false } },
      call: { flags: { bs: true } },
    });
    await expect(synced.finish()).resolves.toMatchObject({ passkey: { synced: true } });
  });

  it('§7.2 step 17: unsolicited extension outputs, client or authenticator, are ignored: the assertion still signs in', async () => {
    const a = await assertion();
    const results = { appid: true, unsolicited: { anything: 1 } };
    await expect(a.finish({ ...a.response, clientExtensionResults: results })).resolves.toMatchObject({
      userId: alice.id,
    });
    // ED set, followed by the authenticator extension outputs { "x-unsolicited": 1 } (CBOR).
    const map = Uint8Array.from([0xa1, 0x6d, ...Buffer.from('x-unsolicited'), 0x01]);
    const withExtensions = (tail: Uint8Array) => (authData: Uint8Array) =>
      new Uint8Array([...setFlags(0x80, 0x80)(authData), ...tail]);
    const unsolicited = await assertion();
    const signed = resign(unsolicited.auth, unsolicited.response, { authData: withExtensions(map) });
    await expect(unsolicited.finish(signed)).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 step 18: the signature covers SHA-256 of the client data: a changed client data, not signed again, is VERIFICATION_FAILED', async () => {
    const a = await assertion();
    const json = Buffer.from(a.response.response.clientDataJSON, 'base64url').toString('utf8');
    const clientDataJSON = Buffer.from(`${json.slice(0, -1)},"extra":1}`).toString('base64url');
    await rejectsWith(
      a.finish({ ...a.response, response: { ...a.response.response, clientDataJSON } }),
      'VERIFICATION_FAILED',
    );
    await unused(a.s, a.passkey.id);
  });

  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    '§7.2 step 19: a %s signature that does not verify with the stored key is VERIFICATION_FAILED',
    async (algorithm) => {
      const bad = await assertion({ auth: { algorithm }, call: { faults: { badSignature: true } } });
      await rejectsWith(bad.finish(), 'VERIFICATION_FAILED');
      await unused(bad.s, bad.passkey.id);
      const good = await assertion({ auth: { algorithm } });
      await expect(good.finish()).resolves.toMatchObject({ userId: alice.id });
    },
  );

  it('§7.2 step 20: a counter that did not move forward is COUNTER_REGRESSION; an authenticator without a counter (always 0) signs in', async () => {
    const a = await assertion({ auth: { counter: { start: 5 } }, call: { faults: { counter: 5 } } });
    await rejectsWith(a.finish(), 'COUNTER_REGRESSION');
    await unused(a.s, a.passkey.id);
    const counterless = await assertion({ auth: { counter: { increment: 0 } } });
    await expect(counterless.finish()).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 steps 22–23: a verified assertion updates the counter, BS and last use and names the user; a refused one writes nothing and spends the ceremony', async () => {
    const a = await assertion({ auth: { flags: { be: true, bs: false } }, call: { flags: { bs: true } } });
    const counter = new DataView(unb64(a.response.response.authenticatorData).buffer).getUint32(33);
    await expect(a.finish()).resolves.toMatchObject({ userId: alice.id, passkey: { id: a.passkey.id } });
    expect(await a.s.store.get(a.passkey.id)).toMatchObject({
      counter,
      backedUp: true,
      lastUsedAt: a.s.clock.now,
    });
    const refused = await assertion({ call: { faults: { badSignature: true } } });
    const before = await refused.s.store.get(refused.passkey.id);
    await rejectsWith(refused.finish(), 'VERIFICATION_FAILED');
    expect(await refused.s.store.get(refused.passkey.id)).toEqual(before);
    const genuine = await refused.auth.get(refused.options, { origin: 'https://example.com' });
    await rejectsWith(refused.finish(genuine), 'CEREMONY_NOT_FOUND');
  });
});
