import { PasskeyError } from '@acme/passkey-core';
import {
  convertCertBufferToPEM,
  decodeAttestationObject,
  validateCertificatePath,
} from '@simplewebauthn/server/helpers';
import type { ServerContext } from '../internal/context';
import { fromBase64Url } from '../internal/encoding';

const untrusted = (cause?: unknown) =>
  new PasskeyError(
    'ATTESTATION_NOT_TRUSTED',
    'This authenticator’s attestation does not chain to a trusted root',
    {
      ...(cause === undefined ? {} : { cause }),
    },
  );

const normalizePem = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/**
 * With `attestation: 'direct'`, refuses any attestation that does not prove its model: `none`,
 * self attestation (no x5c), or an x5c chain that does not reach one of `policy.trustAnchors`
 * (WebAuthn §7.1 steps 21–23). The statement's signature was verified before this.
 */
export async function checkAttestationTrust(ctx: ServerContext, attestationObject: string): Promise<void> {
  if (ctx.policy.attestation !== 'direct') return;
  const decoded = decodeAttestationObject(fromBase64Url(attestationObject));
  const x5c = decoded.get('fmt') === 'none' ? undefined : decoded.get('attStmt').get('x5c');
  if (x5c === undefined || x5c.length === 0) throw untrusted();
  // An x5c may end with the root itself (android-key does): the path then ends at the anchor.
  const anchors = (ctx.policy.trustAnchors ?? []).map(normalizePem);
  const path = x5c.map(convertCertBufferToPEM);
  while (path.length > 1 && anchors.includes(normalizePem(path.at(-1) as string))) path.pop();
  try {
    await validateCertificatePath(path, ctx.policy.trustAnchors);
  } catch (err) {
    throw untrusted(err);
  }
}
