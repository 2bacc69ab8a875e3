/**
 * WebAuthn L3 §7.1 (registering a new credential), steps 1–10: the options, the response's shape
 * and its client data. Each refused response is otherwise genuine: attestation `none` signs
 * nothing, so a changed client data is exactly what a hostile client can send.
 */
import { describe, expect, it } from 'vitest';
import { editRegistration, fromOrigin } from '../advisories/forge';
import { rejectsWith } from '../helpers';
import { b64, nothingStored, registration } from './ceremony';

/** The client data's JSON text, changed by `edit`, in a registration response. */
const withClientDataText = (
  response: { response: { clientDataJSON: string } },
  text: (json: string) => Uint8Array,
) => ({
  ...response,
  response: {
    ...response.response,
    clientDataJSON: b64(text(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'))),
  },
});

describe('WebAuthn L3 §7.1 steps 1–10: options and client data', () => {
  it('§7.1 step 1: the options carry a fresh 32-byte challenge, the RP, the offered algorithms and required UV', async () => {
    const a = await registration();
    const b = await registration();
    expect(Buffer.from(a.options.challenge, 'base64url')).toHaveLength(32);
    expect(a.options.challenge).not.toBe(b.options.challenge);
    expect(a.options.rp).toEqual({ id: 'example.com', name: 'Example' });
    expect(a.options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
    expect(a.options.authenticatorSelection?.userVerification).toBe('required');
  });

  it('§7.1 step 3: a response that is not an attestation response is INVALID_REQUEST, and the ceremony survives', async () => {
    const r = await registration();
    const { attestationObject: _, ...noAttestation } = r.response.response;
    for (const bad of [
      { ...r.response, response: noAttestation },
      { ...r.response, type: 'password' },
      { ...r.response, response: 'attestation' },
    ]) {
      await rejectsWith(r.finish(bad), 'INVALID_REQUEST');
    }
    await expect(r.finish()).resolves.toHaveProperty('passkey');
  });

  it('§7.1 step 4: clientExtensionResults must be an object; the PRF support it reports is recorded', async () => {
    const r = await registration();
    await rejectsWith(r.finish({ ...r.response, clientExtensionResults: 'prf' }), 'INVALID_REQUEST');
    const withPrf = { ...r.response, clientExtensionResults: { prf: { enabled: true } } };
    await r.finish(withPrf);
    expect((await r.s.store.listByUser('user-alice'))[0]?.prf).toBe(true);
  });

  it('§7.1 step 5: client data that is not UTF-8 is INVALID_REQUEST; a leading byte order mark is stripped', async () => {
    const r = await registration();
    const latin1 = withClientDataText(r.response, (json) =>
      Buffer.from(`${json.slice(0, -1)},"x":"\xe9"}`, 'latin1'),
    );
    await rejectsWith(r.finish(latin1), 'INVALID_REQUEST');
    const bom = withClientDataText(r.response, (json) =>
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    );
    await expect(r.finish(bom)).resolves.toHaveProperty('passkey');
  });

  it('§7.1 step 6: client data that is not a JSON object with type, challenge and origin is INVALID_REQUEST', async () => {
    const r = await registration();
    const texts = [
      'not json',
      '[]',
      '{"type":"webauthn.create","challenge":"x"}',
      '{"type":1,"challenge":"x","origin":"y"}',
    ];
    for (const text of texts) {
      await rejectsWith(r.finish(withClientDataText(r.response, () => Buffer.from(text))), 'INVALID_REQUEST');
    }
    await nothingStored(r.s);
  });

  it('§7.1 step 7: client data of type webauthn.get is VERIFICATION_FAILED', async () => {
    const r = await registration({ call: { faults: { type: 'webauthn.get' } } });
    await rejectsWith(r.finish(), 'VERIFICATION_FAILED');
    await nothingStored(r.s);
  });

  it('§7.1 step 8: client data answering another challenge is VERIFICATION_FAILED', async () => {
    const r = await registration({ call: { faults: { challenge: b64(new Uint8Array(32).fill(7)) } } });
    await rejectsWith(r.finish(), 'VERIFICATION_FAILED');
    await nothingStored(r.s);
  });

  it('§7.1 step 9: an origin that is not one of the configured ones is ORIGIN_MISMATCH', async () => {
    const r = await registration();
    await rejectsWith(
      r.finish(editRegistration(r.response, { clientData: fromOrigin('https://evil.example') })),
      'ORIGIN_MISMATCH',
    );
    await nothingStored(r.s);
  });

  it('§7.1 step 10: the attestation signs SHA-256 of the client data: a changed client data is VERIFICATION_FAILED', async () => {
    const r = await registration({ auth: { attestation: 'packed-self' } });
    const extra = withClientDataText(r.response, (json) => Buffer.from(`${json.slice(0, -1)},"extra":1}`));
    await rejectsWith(r.finish(extra), 'VERIFICATION_FAILED');
    await expect(r.finish()).rejects.toMatchObject({ code: 'CEREMONY_NOT_FOUND' });
  });
});
