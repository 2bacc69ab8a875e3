import type { AuthenticatorMetadata, AuthenticatorMetadataEntry } from '@acme/passkey-core';
import { validateCertificatePath } from '@simplewebauthn/server/helpers';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';

const pem = (base64Der: string) =>
  `-----BEGIN CERTIFICATE-----\n${base64Der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;

interface BlobEntry {
  aaguid?: string;
  metadataStatement?: { description?: string; attestationRootCertificates?: string[] };
  statusReports?: Array<{ status?: string; effectiveDate?: string }>;
}

function latestStatus(reports: BlobEntry['statusReports']): string | null {
  const sorted = [...(reports ?? [])].sort((a, b) =>
    (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? ''),
  );
  return sorted.at(-1)?.status ?? null;
}

/**
 * Verifies a FIDO Metadata Service BLOB (MDS3: a JWS whose `x5c` chain must reach `root`, the
 * FIDO Alliance's root or yours) and returns its authenticator models by AAGUID, for
 * `policy.metadata` with `attestation: 'direct'`. It fetches nothing: download the blob
 * yourself (and again after `nextUpdate`).
 * @throws Error when the chain does not reach `root` or the signature does not verify.
 * @example
 * const metadata = await loadMetadataBlob(await (await fetch(MDS_URL)).text(), { root: FIDO_ROOT_PEM });
 * createPasskeyServer({ …, policy: { attestation: 'direct', metadata } });
 */
export async function loadMetadataBlob(
  jwt: string,
  options: { root: string | string[] },
): Promise<AuthenticatorMetadata> {
  const header = decodeProtectedHeader(jwt);
  const chain = (header.x5c ?? []).map(pem);
  if (chain.length === 0 || typeof header.alg !== 'string')
    throw new Error('metadata blob: no x5c chain or alg');
  const roots = Array.isArray(options.root) ? options.root : [options.root];
  try {
    await validateCertificatePath(chain, roots);
  } catch (err) {
    throw new Error('metadata blob: its certificate chain does not reach the given root', { cause: err });
  }
  const key = await importX509(chain[0] as string, header.alg);
  const { payload } = await compactVerify(jwt, key);
  const body = JSON.parse(new TextDecoder().decode(payload)) as {
    nextUpdate?: string;
    entries?: BlobEntry[];
  };
  const entries = new Map<string, AuthenticatorMetadataEntry>();
  for (const e of body.entries ?? []) {
    if (typeof e.aaguid !== 'string' || e.metadataStatement === undefined) continue;
    const aaguid = e.aaguid.toLowerCase();
    entries.set(aaguid, {
      aaguid,
      description: e.metadataStatement.description ?? '',
      attestationRoots: (e.metadataStatement.attestationRootCertificates ?? []).map(pem),
      status: latestStatus(e.statusReports),
    });
  }
  return { entries, nextUpdate: new Date(body.nextUpdate ?? 0) };
}
