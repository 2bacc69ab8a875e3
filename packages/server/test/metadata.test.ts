import { createAttestationCa } from '@acme/passkey-testing';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadMetadataBlob } from '../src/index';
import { authenticator, register, rejectsWith, setup } from './helpers';

const MODEL = 'c5ef55ff-ad9a-4b9f-b580-adebafe026d0';
const REVOKED_MODEL = '0bb43545-fd2c-4185-87dd-feb0b2916ace';
const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64');

/** A metadata blob as the FIDO MDS publishes one: a JWS whose x5c leads to the publisher's root. */
async function blob(
  publisher = createAttestationCa({ organization: 'Metadata Publisher' }),
  nextUpdate = '2099-01-01',
) {
  const vendor = createAttestationCa({ organization: 'Key Vendor' });
  const signer = publisher.attestationCertificate(new Uint8Array(16));
  const entry = (aaguid: string, status: string) => ({
    aaguid,
    metadataStatement: {
      description: `Key ${status}`,
      attestationRootCertificates: [b64(vendor.rootCertificate)],
    },
    statusReports: [
      { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' },
      { status, effectiveDate: '2025-06-01' },
    ],
  });
  // A third model whose latest report is fine, but one of its attestation certificates leaked.
  const leakedModel = 'aa11aa11-bb22-cc33-dd44-ee55ff667788';
  const leaked = vendor.attestationCertificate(Buffer.from(leakedModel.replace(/-/g, ''), 'hex'));
  const leakedEntry = entry(leakedModel, 'FIDO_CERTIFIED_L1');
  const report = {
    status: 'ATTESTATION_KEY_COMPROMISE',
    effectiveDate: '2023-01-01',
    certificate: b64(leaked.certificate),
  };
  const payload = {
    legalHeader: 'test',
    no: 7,
    nextUpdate,
    entries: [
      entry(MODEL, 'FIDO_CERTIFIED_L2'),
      entry(REVOKED_MODEL, 'REVOKED'),
      { ...leakedEntry, statusReports: [report, ...leakedEntry.statusReports] },
    ],
  };
  const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [b64(signer.certificate)] })
    .sign(signer.privateKey);
  return { jwt, publisher, vendor, leakedModel };
}

describe('FIDO metadata', () => {
  it('verifies a blob against its root and reads each model’s roots and latest status', async () => {
    const { jwt, publisher } = await blob();
    const metadata = await loadMetadataBlob(jwt, { root: publisher.rootCertificatePem });
    expect(metadata.nextUpdate.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    expect(metadata.no).toBe(7);
    expect(metadata.entries.get(MODEL)).toMatchObject({
      description: 'Key FIDO_CERTIFIED_L2',
      status: 'FIDO_CERTIFIED_L2',
    });
    expect(metadata.entries.get(REVOKED_MODEL)?.status).toBe('REVOKED');
    expect(metadata.entries.get(MODEL)?.attestationRoots[0]).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('refuses a blob from another publisher, or tampered with', async () => {
    const { jwt } = await blob();
    await rejectsWith(
      loadMetadataBlob(jwt, { root: createAttestationCa().rootCertificatePem }),
      'ATTESTATION_NOT_TRUSTED',
    );
    const { jwt: good, publisher } = await blob();
    const [h, p, s] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, no: 8 })).toString('base64url')}.${s}`;
    await rejectsWith(
      loadMetadataBlob(tampered, { root: publisher.rootCertificatePem }),
      'ATTESTATION_NOT_TRUSTED',
    );
    await rejectsWith(
      loadMetadataBlob('not a jws', { root: publisher.rootCertificatePem }),
      'INVALID_REQUEST',
    );
  });

  it('refuses to trust nothing, and refuses a stale blob unless told otherwise', async () => {
    const { jwt } = await blob();
    await expect(loadMetadataBlob(jwt, { root: [] })).rejects.toThrow(TypeError);
    const old = await blob(undefined, '2020-01-01');
    await expect(loadMetadataBlob(old.jwt, { root: old.publisher.rootCertificatePem })).rejects.toMatchObject(
      {
        code: 'ATTESTATION_NOT_TRUSTED',
        details: { reason: expect.stringMatching(/stale/) },
      },
    );
    await expect(
      loadMetadataBlob(old.jwt, { root: old.publisher.rootCertificatePem, allowStale: true }),
    ).resolves.toBeDefined();
  });

  it('§7.1 step 22: refuses an attestation certificate the metadata reports compromised, whatever its latest status', async () => {
    const { jwt, publisher, vendor, leakedModel } = await blob();
    const metadata = await loadMetadataBlob(jwt, { root: publisher.rootCertificatePem });
    expect(metadata.entries.get(leakedModel)?.status).toBe('FIDO_CERTIFIED_L1');
    const s = setup({ policy: { attestation: 'direct', metadata } });
    await rejectsWith(
      register(s, authenticator({ attestation: 'packed-x5c', ca: vendor, aaguid: leakedModel })),
      'ATTESTATION_NOT_TRUSTED',
    );
  });

  it('§7.1 step 21: trusts with attestation "direct" exactly the models the metadata vouches for', async () => {
    const { jwt, publisher, vendor } = await blob();
    const metadata = await loadMetadataBlob(jwt, { root: publisher.rootCertificatePem });
    const s = setup({ policy: { attestation: 'direct', metadata } });
    await expect(
      register(s, authenticator({ attestation: 'packed-x5c', ca: vendor, aaguid: MODEL })),
    ).resolves.toBeDefined();
    // A model the metadata revoked, a model it does not list, and a listed model signing with another root.
    await rejectsWith(
      register(s, authenticator({ attestation: 'packed-x5c', ca: vendor, aaguid: REVOKED_MODEL })),
      'ATTESTATION_NOT_TRUSTED',
    );
    await rejectsWith(
      register(
        s,
        authenticator({
          attestation: 'packed-x5c',
          ca: vendor,
          aaguid: '11111111-2222-3333-4444-555555555555',
        }),
      ),
      'ATTESTATION_NOT_TRUSTED',
    );
    await rejectsWith(
      register(s, authenticator({ attestation: 'packed-x5c', ca: createAttestationCa(), aaguid: MODEL })),
      'ATTESTATION_NOT_TRUSTED',
    );
  });
});
