/**
 * FIDO metadata blobs at the edges: sparse entries (no AAGUID, no statement, no reports, no roots),
 * status reports out of order, a compromised certificate written with spaces, certificates of any
 * length turned into PEM, roots that are not all PEM, a header without x5c or alg, and the
 * `nextUpdate` instant itself.
 */
import { createAttestationCa } from '@acme/passkey-testing';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadMetadataBlob } from '../src/index';
import { rejectsWith } from './helpers';

const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const publisher = createAttestationCa({ organization: 'Metadata Publisher' });
const signer = publisher.attestationCertificate(new Uint8Array(16));
const root = publisher.rootCertificatePem;

async function sign(payload: unknown, header: Record<string, unknown> = { x5c: [b64(signer.certificate)] }) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...header })
    .sign(signer.privateKey);
}

describe('loadMetadataBlob at the edges', () => {
  it('keeps only entries with an AAGUID and a statement, and fills what they leave out', async () => {
    const der = 'A'.repeat(100);
    const jwt = await sign({
      nextUpdate: '2099-01-01',
      entries: [
        { aaguid: 'AAAAAAAA-0000-4000-8000-000000000001', metadataStatement: {} },
        { aaguid: 5, metadataStatement: { description: 'not an AAGUID' } },
        { metadataStatement: { description: 'no AAGUID' } },
        { aaguid: 'aaaaaaaa-0000-4000-8000-000000000002' },
        {
          aaguid: 'aaaaaaaa-0000-4000-8000-000000000003',
          metadataStatement: { description: 'Key', attestationRootCertificates: [der, ''] },
          statusReports: [
            { status: 'FIDO_CERTIFIED_L2', effectiveDate: '2025-06-01' },
            { status: 'NOT_FIDO_CERTIFIED' },
            { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' },
            { status: 'REVOKED', effectiveDate: '2023-01-01' },
          ],
        },
        // A leaked certificate reported on its own, with the line breaks of a PEM body.
        { statusReports: [{ status: 'ATTESTATION_KEY_COMPROMISE', certificate: 'MIIB AAAA\nBBBB ' }] },
        { statusReports: [{ status: 'FIDO_CERTIFIED', certificate: 'MIIBCCCC' }] },
      ],
    });
    const metadata = await loadMetadataBlob(jwt, { root });
    expect(metadata.no).toBe(0);
    expect([...metadata.entries.keys()]).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
      'aaaaaaaa-0000-4000-8000-000000000003',
    ]);
    expect(metadata.entries.get('aaaaaaaa-0000-4000-8000-000000000001')).toEqual({
      aaguid: 'aaaaaaaa-0000-4000-8000-000000000001',
      description: '',
      attestationRoots: [],
      status: null,
    });
    const key = metadata.entries.get('aaaaaaaa-0000-4000-8000-000000000003');
    // The latest by effective date, whatever the order; a report without a date is the oldest.
    expect(key?.status).toBe('FIDO_CERTIFIED_L2');
    expect(key?.attestationRoots).toEqual([
      `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END CERTIFICATE-----\n`,
      '-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n',
    ]);
    expect([...(metadata.compromisedCertificates ?? [])]).toEqual(['MIIBAAAABBBB']);
  });

  it('reads the latest status when the newest report comes last or first', async () => {
    const entry = (reports: unknown[]) => ({
      aaguid: 'aaaaaaaa-0000-4000-8000-000000000004',
      metadataStatement: { description: 'Key' },
      statusReports: reports,
    });
    const older = { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' };
    const newer = { status: 'REVOKED', effectiveDate: '2025-01-01' };
    const undated = { status: 'UNDATED' };
    for (const reports of [
      [older, newer],
      [newer, older],
      [newer, older, undated],
      [undated, newer, older],
      [older, undated, newer],
      [undated, older, newer],
    ]) {
      const metadata = await loadMetadataBlob(
        await sign({ nextUpdate: '2099-01-01', entries: [entry(reports)] }),
        {
          root,
        },
      );
      expect(
        metadata.entries.get('aaaaaaaa-0000-4000-8000-000000000004')?.status,
        JSON.stringify(reports),
      ).toBe('REVOKED');
    }
  });

  it('refuses roots that are not all PEM certificates', async () => {
    const jwt = await sign({ nextUpdate: '2099-01-01', entries: [] });
    for (const roots of [[root, 'not a pem'], [root, 5], []]) {
      await expect(loadMetadataBlob(jwt, { root: roots as string[] })).rejects.toThrow(TypeError);
    }
    await expect(loadMetadataBlob(jwt, { root: [root, root] })).resolves.toMatchObject({ no: 0 });
  });

  it('is INVALID_REQUEST without an x5c chain, an alg or a nextUpdate', async () => {
    await rejectsWith(
      loadMetadataBlob(await sign({ nextUpdate: '2099-01-01' }, { x5c: [] }), { root }),
      'INVALID_REQUEST',
    );
    await rejectsWith(
      loadMetadataBlob(await sign({ nextUpdate: '2099-01-01' }, {}), { root }),
      'INVALID_REQUEST',
    );
    const signed = (await sign({ nextUpdate: '2099-01-01' })).split('.');
    const noAlg = [
      b64url(JSON.stringify({ typ: 'JWT', x5c: [b64(signer.certificate)] })),
      signed[1],
      signed[2],
    ];
    await rejectsWith(loadMetadataBlob(noAlg.join('.'), { root }), 'INVALID_REQUEST');
    await rejectsWith(loadMetadataBlob(await sign({ entries: [] }), { root }), 'INVALID_REQUEST');
    await rejectsWith(loadMetadataBlob(await sign({ nextUpdate: 'soon' }), { root }), 'INVALID_REQUEST');
  });

  it('is INVALID_REQUEST when the signed payload is not JSON', async () => {
    const jwt = await new CompactSign(new TextEncoder().encode('not json'))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [b64(signer.certificate)] })
      .sign(signer.privateKey);
    await rejectsWith(loadMetadataBlob(jwt, { root }), 'INVALID_REQUEST');
  });

  it('takes a blob up to its nextUpdate instant, and refuses it one millisecond after', async () => {
    const jwt = await sign({ nextUpdate: '2030-01-01', no: 3 });
    const at = new Date('2030-01-01T00:00:00.000Z').getTime();
    await expect(loadMetadataBlob(jwt, { root, now: () => new Date(at) })).resolves.toMatchObject({ no: 3 });
    await rejectsWith(
      loadMetadataBlob(jwt, { root, now: () => new Date(at + 1) }),
      'ATTESTATION_NOT_TRUSTED',
    );
  });
});
