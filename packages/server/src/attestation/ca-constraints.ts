import type { BitString, Integer } from 'asn1js';
import { BasicConstraints, Certificate } from 'pkijs';
import { attestationNotTrusted } from '../errors/refusals';

const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
/** keyCertSign is bit 5 of KeyUsage (RFC 5280 §4.2.1.3): 0x04 in the first byte. */
const KEY_CERT_SIGN = 0x04;

const untrusted = (reason: string) => attestationNotTrusted(reason);

/** What a certificate says about issuing others (RFC 5280 §4.2.1.9, §4.2.1.3). */
interface Issuing {
  ca: boolean;
  /** How many CAs it allows below it on a path: Infinity without a pathLenConstraint. */
  pathLen: number;
  /** undefined when the certificate has no KeyUsage extension. */
  keyCertSign: boolean | undefined;
}

/**
 * A pathLenConstraint as a number: pkijs gives an Integer instead when it is written in more than
 * 8 bytes, whatever its value. Negative (outside RFC 5280's 0..MAX) allows no CA below at all.
 */
function pathLenOf(len: number | Integer | undefined): number {
  if (len === undefined) return Number.POSITIVE_INFINITY;
  return typeof len === 'number' ? len : Number(len.toBigInt());
}

function issuingOf(der: Uint8Array): Issuing {
  let cert: Certificate;
  try {
    cert = Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
  } catch {
    throw untrusted('a certificate could not be parsed');
  }
  const out: Issuing = { ca: false, pathLen: Number.POSITIVE_INFINITY, keyCertSign: undefined };
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === BASIC_CONSTRAINTS) {
      const bc = ext.parsedValue as BasicConstraints | undefined;
      if (!(bc instanceof BasicConstraints)) throw untrusted('basicConstraints could not be parsed');
      out.ca = bc.cA === true;
      out.pathLen = pathLenOf(bc.pathLenConstraint);
    } else if (ext.extnID === KEY_USAGE) {
      // A KeyUsage that cannot be read (no BIT STRING) or has no bits allows no certificate signing.
      const bits = (ext.parsedValue as BitString | undefined)?.valueBlock.valueHexView;
      out.keyCertSign = ((bits?.[0] ?? 0) & KEY_CERT_SIGN) !== 0;
    }
  }
  return out;
}

/**
 * RFC 5280 §6.1.4 (k)–(n) on an attestation path, leaf first and the trust anchor last (when
 * known): every certificate that issues another must be a CA (basicConstraints cA), may sign
 * certificates (keyCertSign, when it has a KeyUsage) and allows as many CAs below it as the path
 * has (pathLenConstraint); the leaf must not be a CA. Signatures and validity are checked apart.
 * This is what stops a device's own attestation certificate (CA false) from issuing a leaf that
 * claims another model.
 */
export function checkCaConstraints(path: readonly Uint8Array[]): void {
  const certs = path.map(issuingOf);
  if (certs[0]?.ca === true) throw untrusted('the attestation certificate is a CA');
  for (let i = 1; i < certs.length; i++) {
    const issuer = certs[i] as Issuing;
    if (!issuer.ca) throw untrusted('an issuing certificate is not a CA');
    if (issuer.keyCertSign === false) throw untrusted('an issuing certificate may not sign certificates');
    // CAs below this one on the path, the leaf excluded.
    const below = i - 1;
    if (below > issuer.pathLen) throw untrusted('a path length constraint is exceeded');
  }
}
