import type { AuthenticatorMetadata, AuthenticatorMetadataEntry } from '@acme/passkey-core';
import { validateCertificatePath } from '@simplewebauthn/server/helpers';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { attestationNotTrusted, invalid } from '../errors/refusals';

const pem = (base64Der: string) =>
  `-----BEGIN CERTIFICATE-----\n${base64Der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;

/** FIDO MDS statuses after which a model's attestation proves nothing (MDS3 §3.1.4). */
export const COMPROMISED_STATUSES: ReadonlySet<string> = new Set([
  'REVOKED',
  'USER_VERIFICATION_BYPASS',
  'ATTESTATION_KEY_COMPROMISE',
  'USER_KEY_REMOTE_COMPROMISE',
  'USER_KEY_PHYSICAL_COMPROMISE',
]);

interface BlobEntry {
  aaguid?: string;
  metadataStatement?: { description?: string; attestationRootCertificates?: string[] };
  statusReports?: Array<{ status?: string; effectiveDate?: string; certificate?: string }>;
}

interface Blob {
  no?: number;
  nextUpdate?: string;
  entries?: BlobEntry[];
}

function latestStatus(reports: BlobEntry['statusReports']): string | null {
  const sorted = [...(reports ?? [])].sort((a, b) =>
    (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? ''),
  );
  return sorted.at(-1)?.status ?? null;
}

/** Options of {@link loadMetadataBlob}. */
export interface LoadMetadataOptions {
  /** The root(s) the blob's `x5c` must reach: the FIDO Alliance's, or yours. */
  root: string | string[];
  /** Accept a blob past its `nextUpdate` (an old blob replayed could hide a revocation). Default false. */
  allowStale?: boolean;
  now?: () => Date;
}

async function verifiedPayload(jwt: string, roots: string[]): Promise<Blob> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch (err) {
    return invalid('metadata blob: not a compact JWS', err);
  }
  const chain = (header.x5c ?? []).map(pem);
  if (chain.length === 0 || typeof header.alg !== 'string') invalid('metadata blob: no x5c chain or alg');
  try {
    await validateCertificatePath(chain, roots);
  } catch (err) {
    throw attestationNotTrusted('metadata blob: its certificate chain does not reach the given root', err);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jwt, await importX509(chain[0] as string, header.alg)));
  } catch (err) {
    throw attestationNotTrusted('metadata blob: its signature does not verify', err);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as Blob;
  } catch (err) {
    return invalid('metadata blob: its payload is not JSON', err);
  }
}

/**
 * Verifies a FIDO Metadata Service BLOB (MDS3: a JWS whose `x5c` chain must reach `root`) and
 * returns its authenticator models by AAGUID, for `policy.metadata` with `attestation:
 * 'direct'`, and the attestation certificates its status reports name as compromised. It does
 * not download the blob: fetch it yourself, again after `nextUpdate` (a stale blob is refused),
 * and keep `no` increasing. The certificate path check may fetch the CRLs certificates name.
 * @throws TypeError without a PEM root; PasskeyError `ATTESTATION_NOT_TRUSTED` (with
 * `details.reason`) when the chain does not reach `root`, the signature does not verify or the
 * blob is stale, `INVALID_REQUEST` when it is not a metadata blob at all.
 * @example
 * const metadata = await loadMetadataBlob(await (await fetch(MDS_URL)).text(), { root: FIDO_ROOT_PEM });
 * createPasskeyServer({ …, policy: { attestation: 'direct', metadata } });
 */
export async function loadMetadataBlob(
  jwt: string,
  options: LoadMetadataOptions,
): Promise<AuthenticatorMetadata & { no: number }> {
  const roots = Array.isArray(options.root) ? options.root : [options.root];
  // With no root, a path check passes anything: refuse to trust nothing.
  if (
    roots.length === 0 ||
    roots.some((r) => typeof r !== 'string' || !r.includes('-----BEGIN CERTIFICATE-----'))
  ) {
    throw new TypeError('loadMetadataBlob: root must be one or more PEM certificates');
  }
  const body = await verifiedPayload(jwt, roots);
  const nextUpdate = new Date(body.nextUpdate ?? Number.NaN);
  if (Number.isNaN(nextUpdate.getTime())) invalid('metadata blob: no nextUpdate');
  if (!options.allowStale && nextUpdate.getTime() < (options.now?.() ?? new Date()).getTime()) {
    throw attestationNotTrusted(`metadata blob: stale since ${body.nextUpdate}; fetch a new one`);
  }
  const entries = new Map<string, AuthenticatorMetadataEntry>();
  const compromised = new Set<string>();
  for (const e of body.entries ?? []) {
    for (const report of e.statusReports ?? []) {
      if (report.certificate && COMPROMISED_STATUSES.has(report.status ?? ''))
        compromised.add(report.certificate.replace(/\s/g, ''));
    }
    if (typeof e.aaguid !== 'string' || e.metadataStatement === undefined) continue;
    const aaguid = e.aaguid.toLowerCase();
    entries.set(aaguid, {
      aaguid,
      description: e.metadataStatement.description ?? '',
      attestationRoots: (e.metadataStatement.attestationRootCertificates ?? []).map(pem),
      status: latestStatus(e.statusReports),
    });
  }
  return {
    entries,
    nextUpdate,
    compromisedCertificates: compromised,
    no: typeof body.no === 'number' ? body.no : 0,
  };
}
