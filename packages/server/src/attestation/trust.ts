import { convertCertBufferToPEM, validateCertificatePath } from '@simplewebauthn/server/helpers';
import type { ServerContext } from '../config/context';
import { attestationNotTrusted } from '../errors/refusals';
import type { AttestationObject } from '../webauthn/attestation-object';
import { checkCaConstraints } from './ca-constraints';
import { COMPROMISED_STATUSES } from './metadata';

const untrusted = (cause?: unknown) => attestationNotTrusted(undefined, cause);

const normalizePem = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/** The roots an attestation of this model may chain to: `trustAnchors`, plus its metadata's. */
function anchorsFor(ctx: ServerContext, aaguid: string): string[] {
  const entry = ctx.policy.metadata?.entries.get(aaguid.toLowerCase());
  if (entry?.status && COMPROMISED_STATUSES.has(entry.status)) throw untrusted();
  return [...(ctx.policy.trustAnchors ?? []), ...(entry?.attestationRoots ?? [])];
}

/**
 * With `attestation: 'direct'`, refuses any attestation that does not prove its model: `none`,
 * self attestation (no x5c), an x5c chain that reaches none of the model's roots
 * (`policy.trustAnchors` and, with `policy.metadata`, the FIDO metadata's roots for its AAGUID),
 * or a model whose metadata says it is compromised (WebAuthn L3 §7.1 steps 21–22). The statement's
 * signature was verified before this.
 */
export async function checkAttestationTrust(
  ctx: ServerContext,
  attestation: AttestationObject,
): Promise<void> {
  if (ctx.policy.attestation !== 'direct') return;
  const { aaguid } = attestation.authData.attested;
  const x5c = attestation.fmt === 'none' ? undefined : attestation.attStmt.get('x5c');
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => c instanceof Uint8Array))
    throw untrusted();
  // A certificate the metadata reports compromised proves nothing, whatever model it claims.
  const compromised = ctx.policy.metadata?.compromisedCertificates;
  if (compromised && x5c.some((der) => compromised.has(btoa(String.fromCharCode(...(der as Uint8Array))))))
    throw untrusted();
  const anchors = anchorsFor(ctx, aaguid);
  if (anchors.length === 0) throw untrusted();
  // An x5c may end with the root itself (android-key does): the path then ends at the anchor.
  const normalized = anchors.map(normalizePem);
  const chain = [...(x5c as Uint8Array<ArrayBuffer>[])];
  while (
    chain.length > 1 &&
    normalized.includes(normalizePem(convertCertBufferToPEM(chain.at(-1) as Uint8Array<ArrayBuffer>)))
  ) {
    chain.pop();
  }
  // An attestation certificate that is itself a trust anchor (presented alone, or before others)
  // proves nothing about a model: refused here, whatever the path validation below would say.
  if (normalized.includes(normalizePem(convertCertBufferToPEM(chain[0] as Uint8Array<ArrayBuffer>)))) {
    throw untrusted();
  }
  checkCaConstraints(chain);
  try {
    await validateCertificatePath(chain.map(convertCertBufferToPEM), anchors);
  } catch (err) {
    throw untrusted(err);
  }
}
