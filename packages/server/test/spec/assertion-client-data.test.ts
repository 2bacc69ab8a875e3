/**
 * WebAuthn L3 §7.2 (verifying an authentication assertion), steps 8–12: the client data. Each
 * changed assertion is signed again by the credential's own key, so only the step under test can
 * refuse it, and a refusal records no use of the passkey.
 */
import { describe, expect, it } from 'vitest';
import { framedBy, fromOrigin, resign } from '../advisories/forge';
import { alice, ORIGIN, rejectsWith } from '../helpers';
import { assertion, unused } from './ceremony';

/** The assertion with its client data bytes replaced by `text(json)`, signed again. */
async function withClientData(text: (json: string) => Buffer) {
  const a = await assertion();
  const original = Buffer.from(a.response.response.clientDataJSON, 'base64url').toString('utf8');
  const changed = {
    ...a.response,
    response: { ...a.response.response, clientDataJSON: text(original).toString('base64url') },
  };
  return { a, response: resign(a.auth, changed, {}) };
}

describe('WebAuthn L3 §7.2 steps 8–12: client data', () => {
  it('§7.2 step 8: client data that is not UTF-8 is INVALID_REQUEST; a leading byte order mark is stripped', async () => {
    const bad = await withClientData((json) => Buffer.from(`${json.slice(0, -1)},"x":"\xff"}`, 'latin1'));
    await rejectsWith(bad.a.finish(bad.response), 'INVALID_REQUEST');
    const bom = await withClientData((json) =>
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    );
    await expect(bom.a.finish(bom.response)).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 step 9: client data that is not a JSON object with type, challenge and origin is INVALID_REQUEST', async () => {
    for (const text of ['{', '"webauthn.get"', '{"type":"webauthn.get","origin":"https://example.com"}']) {
      const { a, response } = await withClientData(() => Buffer.from(text));
      await rejectsWith(a.finish(response), 'INVALID_REQUEST');
      await expect(a.finish()).resolves.toMatchObject({ userId: alice.id });
    }
  });

  it('§7.2 step 10: client data of type webauthn.create is VERIFICATION_FAILED', async () => {
    const a = await assertion({ call: { faults: { type: 'webauthn.create' } } });
    await rejectsWith(a.finish(), 'VERIFICATION_FAILED');
    await unused(a.s, a.passkey.id);
  });

  it('§7.2 step 11: client data answering another challenge is VERIFICATION_FAILED', async () => {
    const a = await assertion({ call: { faults: { challenge: Buffer.alloc(32, 3).toString('base64url') } } });
    await rejectsWith(a.finish(), 'VERIFICATION_FAILED');
    await unused(a.s, a.passkey.id);
  });

  it('§7.2 step 12: another origin, or a cross-origin frame of ours, is ORIGIN_MISMATCH', async () => {
    for (const change of [
      fromOrigin('https://evil.example'),
      framedBy('https://evil.example'),
      framedBy(ORIGIN),
    ]) {
      const a = await assertion();
      await rejectsWith(a.finish(resign(a.auth, a.response, { clientData: change })), 'ORIGIN_MISMATCH');
      await unused(a.s, a.passkey.id);
    }
  });
});
