/**
 * GHSA-6hxq-p678-4hr2 (@simplewebauthn/server before 13.3.2, CVSS v4 2.0): verifyRegistrationResponse
 * let a crafted attestation statement's x5c carry a self-signed "root certificate" of its own
 * instead of chaining back to a trust anchor the RP configured. With attestation 'direct' this
 * server trusts a model only through `policy.trustAnchors` (or FIDO metadata): a root that arrives
 * inside the response proves nothing (WebAuthn L3 §7.1 steps 21–22).
 */
import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, rejectsWith, setup } from '../helpers';
import { ATTESTATION_SUBJECT, type Issued, issue } from '../support/pki';
import { withStatement } from './forge';

const MODEL = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const VENDOR = { C: 'US', O: 'Vendor', CN: 'Vendor Root CA' };

/** Registers with a `packed` statement signed by `x5c[0]`'s key, on a server trusting `anchor` only. */
async function registerWith(x5c: Issued[], anchor: Issued) {
  const s = setup({ policy: { attestation: 'direct', trustAnchors: [anchor.pem] } });
  const { ceremonyId, options } = await s.server.startRegistration({
    user: alice,
    lastVerifiedAt: s.clock.now,
  });
  const made = await authenticator({ aaguid: MODEL }).create(options, { origin: ORIGIN });
  const response = withStatement(made, 'packed', (signed) => {
    const sig = sign('sha256', signed, (x5c[0] as Issued).key);
    return new Map<string, unknown>([
      ['alg', -7],
      ['sig', new Uint8Array(sig)],
      ['x5c', x5c.map((c) => c.der)],
    ]);
  });
  const finish = s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
  return { s, finish };
}

const vendorRoot = () => issue({ subject: VENDOR, ca: true, keyUsage: 'certSign' });
const leafOf = (issuer: Issued) =>
  issue({ subject: ATTESTATION_SUBJECT, issuer, ca: false, keyUsage: 'sign', aaguid: MODEL });

describe('advisory: GHSA-6hxq-p678-4hr2 (a self-signed root inside x5c)', () => {
  it('GHSA-6hxq-p678-4hr2 (@simplewebauthn/server < 13.3.2): x5c = [leaf, the attacker’s self-signed root] is ATTESTATION_NOT_TRUSTED', async () => {
    const [anchor, attackerRoot] = await Promise.all([
      vendorRoot(),
      issue({ subject: { ...VENDOR, O: 'Attacker' }, ca: true, keyUsage: 'certSign' }),
    ]);
    const { s, finish } = await registerWith([await leafOf(attackerRoot), attackerRoot], anchor);
    await rejectsWith(finish, 'ATTESTATION_NOT_TRUSTED');
    expect(await s.store.listByUser(alice.id)).toEqual([]);
  });

  it('GHSA-6hxq-p678-4hr2: a self-signed root that copies the trust anchor’s name is still not the anchor', async () => {
    const [anchor, lookalike] = await Promise.all([vendorRoot(), vendorRoot()]);
    const { finish } = await registerWith([await leafOf(lookalike), lookalike], anchor);
    await rejectsWith(finish, 'ATTESTATION_NOT_TRUSTED');
  });

  it('GHSA-6hxq-p678-4hr2: a self-signed attestation certificate alone, as its own root, is ATTESTATION_NOT_TRUSTED', async () => {
    const anchor = await vendorRoot();
    const selfSigned = await issue({
      subject: ATTESTATION_SUBJECT,
      ca: false,
      keyUsage: 'sign',
      aaguid: MODEL,
    });
    const { finish } = await registerWith([selfSigned], anchor);
    await rejectsWith(finish, 'ATTESTATION_NOT_TRUSTED');
  });

  it('GHSA-6hxq-p678-4hr2: the same statements chaining to the configured anchor register, with or without the anchor in x5c', async () => {
    const anchor = await vendorRoot();
    const leaf = await leafOf(anchor);
    for (const x5c of [[leaf], [leaf, anchor]]) {
      const { finish } = await registerWith(x5c, anchor);
      await expect(finish).resolves.toHaveProperty('passkey');
    }
  });
});
