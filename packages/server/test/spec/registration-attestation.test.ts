/**
 * WebAuthn L3 §7.1 (registering a new credential), steps 19–22 and 24–26: the attestation
 * statement, trust in it, and the credential record that is stored.
 */
import { createAttestationCa, decodeCbor } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { editRegistration } from '../advisories/forge';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from '../helpers';
import { b64, nothingStored, registration, unb64 } from './ceremony';

/** The response with its attestation object's `fmt` and `attStmt` replaced. */
function restated(
  response: { response: { attestationObject: string } },
  fmt: string,
  attStmt: Map<string, unknown>,
) {
  const object = decodeCbor(unb64(response.response.attestationObject)) as Map<string, unknown>;
  object.set('fmt', fmt);
  object.set('attStmt', attStmt);
  return {
    ...response,
    response: { ...response.response, attestationObject: b64(isoCBOR.encode(object as never)) },
  };
}

describe('WebAuthn L3 §7.1 steps 19–22 and 24–26: attestation, trust and the stored record', () => {
  it('§7.1 step 19: an attestation format this server does not know (matched case-sensitively) is VERIFICATION_FAILED', async () => {
    for (const fmt of ['Packed', 'x-unknown']) {
      const r = await registration({ auth: { attestation: 'packed-self' } });
      const object = decodeCbor(unb64(r.response.response.attestationObject)) as Map<string, unknown>;
      const attStmt = object.get('attStmt') as Map<string, unknown>;
      await rejectsWith(r.finish(restated(r.response, fmt, attStmt)), 'VERIFICATION_FAILED');
      await nothingStored(r.s);
    }
  });

  it('§7.1 step 20: an attestation statement that does not verify is VERIFICATION_FAILED; each known format that does registers', async () => {
    const forged = await registration({
      auth: { attestation: 'packed-self' },
      call: { faults: { badSignature: true } },
    });
    await rejectsWith(forged.finish(), 'VERIFICATION_FAILED');
    const none = await registration();
    await rejectsWith(
      none.finish(restated(none.response, 'none', new Map([['sig', new Uint8Array(8)]]))),
      'VERIFICATION_FAILED',
    );
    for (const attestation of ['none', 'packed-self', 'packed-x5c', 'fido-u2f'] as const) {
      const r = await registration({ auth: { attestation, attachment: 'cross-platform' } });
      await expect(r.finish()).resolves.toHaveProperty('passkey');
    }
  });

  it('§7.1 steps 21–22, 26: with attestation direct, a statement must chain to a configured trust anchor; one that does not is never registered', async () => {
    const ca = createAttestationCa();
    const server = { policy: { attestation: 'direct' as const, trustAnchors: [ca.rootCertificatePem] } };
    const trusted = await registration({ server, auth: { attestation: 'packed-x5c', ca } });
    await expect(trusted.finish()).resolves.toHaveProperty('passkey');
    for (const auth of [
      { attestation: 'packed-x5c' as const },
      { attestation: 'packed-self' as const },
      {},
    ]) {
      const untrusted = await registration({ server, auth });
      await rejectsWith(untrusted.finish(), 'ATTESTATION_NOT_TRUSTED');
      await nothingStored(untrusted.s);
    }
  });

  it('§7.1 step 24: a credential ID already registered to anyone is CREDENTIAL_ALREADY_REGISTERED, even re-sent as a genuine `none` response', async () => {
    const s = setup();
    const alices = authenticator();
    const original = await (async () => {
      const { ceremonyId, options } = await s.server.startRegistration({
        user: alice,
        lastVerifiedAt: s.clock.now,
      });
      const response = await alices.create(options, { origin: ORIGIN });
      await s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
      return response;
    })();
    // Bob re-sends alice's credential (ID and public key) in his own ceremony, answering its challenge.
    const { ceremonyId, options } = await s.server.startRegistration({
      user: bob,
      lastVerifiedAt: s.clock.now,
    });
    const copy = editRegistration(original, {
      clientData: (json) => ({ ...json, challenge: options.challenge }),
    });
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId, userId: bob.id, response: copy }),
      'CREDENTIAL_ALREADY_REGISTERED',
    );
    expect(await s.store.listByUser(bob.id)).toEqual([]);
    expect((await s.store.get(original.id))?.userId).toBe(alice.id);
  });

  it('§7.1 step 25: the credential record keeps the ID, the public key as sent, the counter, transports, BE, BS and UV', async () => {
    const s = setup();
    const auth = authenticator({
      attachment: 'cross-platform',
      transports: ['nfc', 'usb'],
      counter: { start: 7 },
    });
    const view = await register(s, auth);
    const stored = auth.credentials[0]!;
    expect(await s.store.get(view.id)).toMatchObject({
      id: stored.id,
      userId: alice.id,
      userHandle: stored.userHandle,
      publicKey: new Uint8Array(stored.publicKey),
      algorithm: -7,
      counter: 7,
      transports: ['nfc', 'usb'],
      deviceType: 'singleDevice',
      backedUp: false,
      userVerified: true,
      lastUsedAt: null,
    });
  });
});
