import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  Extensions,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** The subject or issuer name parts FIDO attestation certificates use (FIDO packed §8.2.1). */
export interface NameParts {
  C: string;
  O: string;
  OU?: string;
  CN: string;
}

const NAME_OIDS: Record<keyof NameParts, string> = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};

/** ecdsa-with-SHA256 (RFC 5758 §3.2: the parameters field is absent). */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

function nameOf(parts: NameParts): Name {
  const rdns = (Object.keys(NAME_OIDS) as (keyof NameParts)[]).flatMap((key) => {
    const value = parts[key];
    if (value === undefined) return [];
    // Country names are PrintableString (RFC 5280 §A.1); the rest UTF8String.
    const attr = key === 'C' ? { printableString: value } : { utf8String: value };
    const atv = new AttributeTypeAndValue({ type: NAME_OIDS[key], value: new AttributeValue(attr) });
    return [new RelativeDistinguishedName([atv])];
  });
  return new Name(rdns);
}

/** A positive, non-zero 16-byte serial number (RFC 5280 §4.1.2.2). */
function serialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return new Uint8Array(bytes).buffer;
}

/** Wraps an extension value, DER-encoding it first. */
export function extension(extnID: string, value: unknown, critical = false): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/**
 * Issues an X.509 v3 certificate (RFC 5280) for `publicKey`, signed with the issuer's P-256 key
 * using ECDSA with SHA-256. Returns its DER bytes.
 */
export function issueCertificate(input: {
  subject: NameParts;
  issuer: NameParts;
  publicKey: KeyObject;
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Extension[];
}): Uint8Array<ArrayBuffer> {
  const signatureAlgorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const spki = input.publicKey.export({ type: 'spki', format: 'der' });
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(),
    signature: signatureAlgorithm,
    issuer: nameOf(input.issuer),
    validity: new Validity({ notBefore: input.notBefore, notAfter: input.notAfter }),
    subject: nameOf(input.subject),
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions(input.extensions),
  });
  const tbs = new Uint8Array(AsnConvert.serialize(tbsCertificate));
  const signature = sign('sha256', tbs, { key: input.issuerKey, dsaEncoding: 'der' });
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

/** PEM armour for a DER certificate. */
export function toPem(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
