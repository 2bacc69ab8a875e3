import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AttributeTypeAndValue,
  BasicConstraints,
  Certificate,
  Extension,
  RelativeDistinguishedNames,
} from 'pkijs';

/** One certificate of a test PKI with the key that signs with it (node:crypto, P-256). */
export interface Issued {
  der: Uint8Array;
  pem: string;
  cert: Certificate;
  key: KeyObject;
}

export interface CertificateSpec {
  subject: Record<string, string>;
  /** Who signs it; itself when absent (a root). */
  issuer?: Issued;
  /**
   * basicConstraints: false (a leaf), true, or { pathLen } (a CA; a bigint is encoded in as many
   * bytes as it takes, a Uint8Array as the INTEGER's bytes as given). Absent: no extension.
   */
  ca?: boolean | { pathLen: number | bigint | Uint8Array };
  /** KeyUsage bits: 'sign' (digitalSignature), 'certSign' (keyCertSign + cRLSign). Absent: none. */
  keyUsage?: 'sign' | 'certSign';
  /** id-fido-gen-ce-aaguid, for an attestation leaf. */
  aaguid?: string;
  /** Extensions whose value is these bytes, as given (malformed ones included). */
  raw?: Array<{ oid: string; value: Uint8Array }>;
}

/** An ASN.1 INTEGER of any size: two's complement, big-endian, in as few bytes as it takes. */
function integer(value: number | bigint | Uint8Array): asn1js.Integer {
  if (typeof value === 'number') return new asn1js.Integer({ value });
  if (value instanceof Uint8Array) return new asn1js.Integer({ valueHex: Uint8Array.from(value).buffer });
  let bytes = 1;
  while (value < -(2n ** BigInt(8 * bytes - 1)) || value >= 2n ** BigInt(8 * bytes - 1)) bytes++;
  const unsigned = value < 0n ? 2n ** BigInt(8 * bytes) + value : value;
  const hex = unsigned.toString(16).padStart(2 * bytes, '0');
  return new asn1js.Integer({ valueHex: Uint8Array.from(Buffer.from(hex, 'hex')).buffer });
}

const OIDS: Record<string, string> = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' };
let serial = 1;

/** A Name with one attribute per RDN, as attestation certificates have (and verifiers read). */
function name(parts: Record<string, string>): RelativeDistinguishedNames {
  const rdns = Object.entries(parts).map(([key, value]) => {
    const asn = key === 'C' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    const atv = new AttributeTypeAndValue({ type: OIDS[key] as string, value: asn });
    return new asn1js.Set({ value: [atv.toSchema()] });
  });
  return RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock) {
  return new Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** Issues a certificate with pkijs, signed by WebCrypto with the issuer's key (or its own). */
export async function issue(spec: CertificateSpec): Promise<Issued> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const subtle = globalThis.crypto.subtle;
  const ec = { name: 'ECDSA', namedCurve: 'P-256' };
  const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
  const own = await subtle.importKey('pkcs8', pkcs8, ec, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', own);
  const publicKey = await subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    ec,
    true,
    ['verify'],
  );
  const signerKey = spec.issuer
    ? await subtle.importKey('pkcs8', spec.issuer.key.export({ format: 'der', type: 'pkcs8' }), ec, false, [
        'sign',
      ])
    : own;

  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = name(spec.subject);
  cert.issuer = spec.issuer ? spec.issuer.cert.subject : name(spec.subject);
  cert.notBefore.value = new Date(Date.now() - 3_600_000);
  cert.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  const extensions: Extension[] = [];
  if (spec.ca !== undefined) {
    const bc =
      spec.ca === false
        ? new BasicConstraints({ cA: false })
        : new BasicConstraints({
            cA: true,
            ...(typeof spec.ca === 'object' ? { pathLenConstraint: integer(spec.ca.pathLen) } : {}),
          });
    extensions.push(extension('2.5.29.19', true, bc.toSchema()));
  }
  if (spec.keyUsage !== undefined) {
    const bits = spec.keyUsage === 'sign' ? 0x80 : 0x06;
    extensions.push(
      extension(
        '2.5.29.15',
        true,
        new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 }),
      ),
    );
  }
  if (spec.aaguid !== undefined) {
    const raw = Buffer.from(spec.aaguid.replace(/-/g, ''), 'hex');
    extensions.push(extension('1.3.6.1.4.1.45724.1.1.4', false, new asn1js.OctetString({ valueHex: raw })));
  }
  for (const { oid, value } of spec.raw ?? []) {
    extensions.push(new Extension({ extnID: oid, critical: true, extnValue: Uint8Array.from(value).buffer }));
  }
  if (extensions.length > 0) cert.extensions = extensions;
  await cert.sign(signerKey, 'SHA-256');
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  const pem = ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
  return { der, pem, cert: Certificate.fromBER(der), key };
}

/** The subject a FIDO packed attestation leaf must have (WebAuthn L3 §8.2.1). */
export const ATTESTATION_SUBJECT = { C: 'US', O: 'Evil Corp', OU: 'Authenticator Attestation', CN: 'Leaf' };
