import { createHash, sign } from 'node:crypto';
import type { PasskeyPolicy } from '@acme/passkey-core';
import { createSoftwareAuthenticator, decodeCbor } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { checkCaConstraints } from '../src/attestation/ca-constraints';
import { checkAttestationTrust } from '../src/attestation/trust';
import type { ServerContext } from '../src/config/context';
import type { AttestationObject } from '../src/webauthn/attestation-object';
import { alice, ORIGIN, rejectsWith, setup } from './helpers';
import { ATTESTATION_SUBJECT, type Issued, issue } from './support/pki';

const MODEL = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const isIssued = (c: unknown): c is Issued => typeof c === 'object' && c !== null && 'der' in c && 'key' in c;
const OTHER_MODEL = '2fc0579f-8113-47ea-b116-bb5a8db9202a';

/**
 * Registers a credential whose `packed` attestation is signed by `x5c[0]`'s key, with `x5c` as
 * given: the attestation statement is valid; only the certificate path is in question.
 */
async function registerWith(
  x5c: Array<Issued | unknown>,
  anchors: Issued[],
  aaguid = MODEL,
  policy: Partial<PasskeyPolicy> = {},
) {
  const trustAnchors = anchors.map((a) => a.pem);
  const s = setup({ policy: { attestation: 'direct', trustAnchors, ...policy } });
  const { ceremonyId, options } = await s.server.startRegistration({
    user: alice,
    lastVerifiedAt: s.clock.now,
  });
  const made = await createSoftwareAuthenticator({ aaguid, attestation: 'none' }).create(options, {
    origin: ORIGIN,
  });
  const object = decodeCbor(Buffer.from(made.response.attestationObject, 'base64url')) as Map<
    string,
    unknown
  >;
  const authData = Buffer.from(object.get('authData') as Uint8Array);
  const clientDataHash = createHash('sha256')
    .update(Buffer.from(made.response.clientDataJSON, 'base64url'))
    .digest();
  const sig = sign('sha256', Buffer.concat([authData, clientDataHash]), (x5c[0] as Issued).key);
  const attStmt = new Map<string, unknown>([
    ['alg', -7],
    ['sig', new Uint8Array(sig)],
    ['x5c', x5c.map((c) => (isIssued(c) ? c.der : c))],
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'packed'],
      ['attStmt', attStmt],
      ['authData', authData],
    ]) as never,
  );
  const response = {
    ...made,
    response: { ...made.response, attestationObject: Buffer.from(attestationObject).toString('base64url') },
  };
  return s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
}

const root = (spec: Partial<Parameters<typeof issue>[0]> = {}) =>
  issue({ subject: { C: 'US', O: 'Vendor', CN: 'Vendor Root' }, ca: true, keyUsage: 'certSign', ...spec });

describe('attestation certificate paths (RFC 5280 §6.1.4), with attestation: direct', () => {
  it('accepts root → intermediate CA → leaf: the check refuses only what RFC 5280 refuses', async () => {
    const r = await root();
    const ca = await issue({
      subject: { O: 'Vendor', CN: 'Intermediate' },
      issuer: r,
      ca: true,
      keyUsage: 'certSign',
    });
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: ca, ca: false, aaguid: MODEL });
    await expect(registerWith([leaf, ca], [r])).resolves.toHaveProperty('passkey');
  });

  it('§7.1 step 22: refuses a device’s own attestation certificate (CA false) issuing a leaf that claims another model', async () => {
    const r = await root();
    const batch = await issue({
      subject: { ...ATTESTATION_SUBJECT, CN: 'Batch' },
      issuer: r,
      ca: false,
      keyUsage: 'sign',
      aaguid: MODEL,
    });
    // The batch certificate itself registers its own model...
    await expect(registerWith([batch], [r])).resolves.toHaveProperty('passkey');
    // ...but a leaf it signed, claiming another model, proves nothing.
    const forged = await issue({
      subject: ATTESTATION_SUBJECT,
      issuer: batch,
      ca: false,
      aaguid: OTHER_MODEL,
    });
    await rejectsWith(registerWith([forged, batch], [r], OTHER_MODEL), 'ATTESTATION_NOT_TRUSTED');
  });

  it('refuses an issuing certificate without basicConstraints at all', async () => {
    const r = await root();
    const noBc = await issue({ subject: { O: 'Vendor', CN: 'No constraints' }, issuer: r });
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: noBc, ca: false, aaguid: MODEL });
    await rejectsWith(registerWith([leaf, noBc], [r]), 'ATTESTATION_NOT_TRUSTED');
  });

  it('refuses a CA whose key usage forbids signing certificates', async () => {
    const r = await root();
    const ca = await issue({
      subject: { O: 'Vendor', CN: 'Signing only' },
      issuer: r,
      ca: true,
      keyUsage: 'sign',
    });
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: ca, ca: false, aaguid: MODEL });
    await rejectsWith(registerWith([leaf, ca], [r]), 'ATTESTATION_NOT_TRUSTED');
  });

  it('§7.1 step 22: respects pathLenConstraint: a CA limited to 0 may not issue another CA', async () => {
    const r = await root();
    const ca1 = await issue({
      subject: { O: 'Vendor', CN: 'CA 1' },
      issuer: r,
      ca: { pathLen: 0 },
      keyUsage: 'certSign',
    });
    const ca2 = await issue({
      subject: { O: 'Vendor', CN: 'CA 2' },
      issuer: ca1,
      ca: true,
      keyUsage: 'certSign',
    });
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: ca2, ca: false, aaguid: MODEL });
    await rejectsWith(registerWith([leaf, ca2, ca1], [r]), 'ATTESTATION_NOT_TRUSTED');
    const ok = await issue({ subject: ATTESTATION_SUBJECT, issuer: ca1, ca: false, aaguid: MODEL });
    await expect(registerWith([ok, ca1], [r])).resolves.toHaveProperty('passkey');
  });

  it('refuses a leaf that is itself a CA, whatever the format (packed refuses it in its own rules too)', async () => {
    const r = await root();
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: r, ca: true, aaguid: MODEL });
    await rejectsWith(registerWith([leaf], [r]), 'VERIFICATION_FAILED');
    expect(() => checkCaConstraints([leaf.der, r.der])).toThrow(
      expect.objectContaining({ code: 'ATTESTATION_NOT_TRUSTED' }),
    );
    const good = await issue({ subject: ATTESTATION_SUBJECT, issuer: r, ca: false, aaguid: MODEL });
    expect(() => checkCaConstraints([good.der, r.der])).not.toThrow();
  });

  it('refuses a trust anchor presented alone as its own attestation certificate', async () => {
    const r = await issue({ subject: ATTESTATION_SUBJECT, ca: false, aaguid: MODEL });
    await rejectsWith(registerWith([r], [r]), 'ATTESTATION_NOT_TRUSTED');
  });
});

describe('checkCaConstraints at the edges of what certificates say', () => {
  const ca = (spec: Partial<Parameters<typeof issue>[0]> = {}) =>
    issue({ subject: { O: 'Vendor', CN: 'CA' }, ca: true, keyUsage: 'certSign', ...spec });
  const leafOf = (issuer: Issued) =>
    issue({ subject: ATTESTATION_SUBJECT, issuer, ca: false, aaguid: MODEL });
  const refused = (path: Issued[]) =>
    expect(() => checkCaConstraints(path.map((c) => c.der))).toThrow(
      expect.objectContaining({ name: 'PasskeyError', code: 'ATTESTATION_NOT_TRUSTED' }),
    );
  const accepted = (path: Issued[]) => expect(() => checkCaConstraints(path.map((c) => c.der))).not.toThrow();

  it('accepts an empty path, a lone leaf and a lone certificate that says nothing of issuing', async () => {
    expect(() => checkCaConstraints([])).not.toThrow();
    accepted([await issue({ subject: ATTESTATION_SUBJECT, ca: false })]);
    accepted([await issue({ subject: ATTESTATION_SUBJECT })]);
  });

  it('refuses bytes that are not a certificate, leaf or issuer, as not trusted (never a TypeError)', async () => {
    const r = await ca();
    const leaf = await leafOf(r);
    const junk = { ...r, der: Uint8Array.of(0x30, 0x03, 0x02, 0x01) };
    refused([junk]);
    refused([leaf, junk]);
  });

  it('accepts an issuing CA with no KeyUsage extension (RFC 5280 makes it optional)', async () => {
    const r = await ca({ keyUsage: undefined });
    accepted([await leafOf(r), r]);
  });

  it('refuses an issuer whose basicConstraints or KeyUsage cannot be read', async () => {
    const garbled = await ca({
      ca: undefined,
      raw: [{ oid: '2.5.29.19', value: Uint8Array.of(0xff, 0x01) }],
    });
    refused([await leafOf(garbled), garbled]);
    const badUsage = await ca({
      keyUsage: undefined,
      raw: [{ oid: '2.5.29.15', value: Uint8Array.of(0xff) }],
    });
    refused([await leafOf(badUsage), badUsage]);
    // A KeyUsage of no bits at all allows no certificate signing.
    const noBits = await ca({
      keyUsage: undefined,
      raw: [{ oid: '2.5.29.15', value: Uint8Array.of(0x03, 0x01, 0x00) }],
    });
    refused([await leafOf(noBits), noBits]);
  });

  it('counts the CAs below each issuer against its pathLenConstraint, the leaf excluded', async () => {
    const top = await ca({ ca: { pathLen: 1 } });
    const mid = await ca({ issuer: top });
    const low = await ca({ issuer: mid });
    accepted([await leafOf(top), top]);
    accepted([await leafOf(mid), mid, top]);
    refused([await leafOf(low), low, mid, top]);
    const zero = await ca({ ca: { pathLen: 0 } });
    accepted([await leafOf(zero), zero]);
  });

  it('reads a pathLenConstraint written in more than 8 bytes by its value: huge, negative, or a padded 0', async () => {
    const huge = await ca({ ca: { pathLen: 2n ** 64n } });
    const under = await ca({ issuer: huge });
    accepted([await leafOf(under), under, huge]);
    const negative = await ca({ ca: { pathLen: -(2n ** 64n) } });
    refused([await leafOf(negative), negative]);
    // Written in 9 bytes, 0 is still 0: no CA below.
    const paddedZero = await ca({ ca: { pathLen: new Uint8Array(9) } });
    const belowZero = await ca({ issuer: paddedZero });
    accepted([await leafOf(paddedZero), paddedZero]);
    refused([await leafOf(belowZero), belowZero, paddedZero]);
  });
});

describe('what an attestation path must be before it is judged', () => {
  const ca = (issuer?: Issued) =>
    issue({
      subject: { O: 'Vendor', CN: issuer ? 'Intermediate' : 'Root' },
      issuer,
      ca: true,
      keyUsage: 'certSign',
    });
  const leafOf = (issuer: Issued) =>
    issue({ subject: ATTESTATION_SUBJECT, issuer, ca: false, aaguid: MODEL });
  const b64 = (c: Issued) => Buffer.from(c.der).toString('base64');

  it('takes an x5c that ends with the root, once or repeated: the path stops at the anchor', async () => {
    const r = await ca();
    const mid = await ca(r);
    const leaf = await leafOf(mid);
    await expect(registerWith([leaf, mid, r], [r])).resolves.toHaveProperty('passkey');
    await expect(registerWith([leaf, mid, r, r], [r])).resolves.toHaveProperty('passkey');
  });

  it('refuses an x5c with anything but certificate bytes in it, even the root as text', async () => {
    const r = await ca();
    const leaf = await leafOf(r);
    await expect(registerWith([leaf], [r])).resolves.toHaveProperty('passkey');
    for (const tail of [b64(r), 42, [r.der]])
      await rejectsWith(registerWith([leaf, tail], [r]), 'ATTESTATION_NOT_TRUSTED');
  });

  it('refuses a path with a compromised certificate anywhere in it, the leaf’s issuer included', async () => {
    const r = await ca();
    const mid = await ca(r);
    const leaf = await leafOf(mid);
    const metadata = (compromised: Issued[]) => ({
      entries: new Map(),
      nextUpdate: new Date('2099-01-01'),
      compromisedCertificates: new Set(compromised.map(b64)),
      no: 1,
    });
    await expect(registerWith([leaf, mid], [r], MODEL, { metadata: metadata([]) })).resolves.toHaveProperty(
      'passkey',
    );
    await rejectsWith(
      registerWith([leaf, mid], [r], MODEL, { metadata: metadata([mid]) }),
      'ATTESTATION_NOT_TRUSTED',
    );
    await rejectsWith(
      registerWith([leaf, mid], [r], MODEL, { metadata: metadata([leaf]) }),
      'ATTESTATION_NOT_TRUSTED',
    );
  });

  it('refuses an anchor as its own attestation certificate (alone, repeated, before its path), by its own rule', async () => {
    const self = await issue({ subject: ATTESTATION_SUBJECT, ca: false, aaguid: MODEL });
    const r = await ca();
    const mid = await ca(r);
    const batch = await leafOf(mid);
    for (const [x5c, anchors] of [
      [[self], [self]],
      [[self, self], [self]],
      [[batch], [batch]],
      [
        [batch, mid],
        [batch, r],
      ],
    ] as const) {
      const refusal = await registerWith([...x5c], [...anchors]).catch((err: unknown) => err);
      expect(refusal).toMatchObject({ name: 'PasskeyError', code: 'ATTESTATION_NOT_TRUSTED' });
      // Refused before the path reaches SimpleWebAuthn's validation, whose refusals are the cause.
      expect((refusal as Error).cause).toBeUndefined();
    }
  });
});

describe('checkAttestationTrust on statements the format verifiers let through', () => {
  it('refuses an x5c that is empty, not a list, or holds anything but bytes', async () => {
    const r = await root();
    const leaf = await issue({ subject: ATTESTATION_SUBJECT, issuer: r, ca: false, aaguid: MODEL });
    const ctx = { policy: { attestation: 'direct', trustAnchors: [r.pem] } } as unknown as ServerContext;
    const attestation = (x5c: unknown) =>
      ({
        fmt: 'packed',
        attStmt: new Map([['x5c', x5c]]),
        authData: { attested: { aaguid: MODEL } },
      }) as unknown as AttestationObject;
    await expect(checkAttestationTrust(ctx, attestation([leaf.der]))).resolves.toBeUndefined();
    for (const x5c of [[], undefined, leaf.der, [leaf.der, 'text']]) {
      const refusal = await checkAttestationTrust(ctx, attestation(x5c)).catch((err: unknown) => err);
      expect(refusal).toMatchObject({ code: 'ATTESTATION_NOT_TRUSTED' });
      // By the SDK's own check, before any path validation (whose refusals would be the cause).
      expect((refusal as Error).cause).toBeUndefined();
    }
  });
});
