import { X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, id_ce_basicConstraints, Version } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/base64url';
import { createAttestationCa, createSoftwareAuthenticator, decodeCbor } from '../src/index';
import { ORIGIN, registrationOptions } from './helpers';

const AAGUID_OID = '1.3.6.1.4.1.45724.1.1.4';

function subjectOf(cert: Certificate): Record<string, string> {
  const names: Record<string, string> = {
    '2.5.4.6': 'C',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.3': 'CN',
  };
  return Object.fromEntries(
    cert.tbsCertificate.subject.flatMap((rdn) =>
      rdn.map((atv) => [names[atv.type] ?? atv.type, atv.value.toString()]),
    ),
  );
}

describe('attestation certificates', () => {
  const ca = createAttestationCa();
  const aaguid = new Uint8Array(Buffer.from('c5ef55ffad9a4b9fb580adebafe026d0', 'hex'));

  it('issues a self-signed CA root', () => {
    const root = new X509Certificate(ca.rootCertificatePem);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(Buffer.from(root.raw)).toEqual(Buffer.from(ca.rootCertificate));
  });

  it('issues a leaf meeting the FIDO packed certificate requirements, chained to the root', () => {
    const leafDer = ca.attestationCertificate(aaguid).certificate;
    const leaf = AsnConvert.parse(leafDer, Certificate);
    expect(leaf.tbsCertificate.version).toBe(Version.v3);
    expect(subjectOf(leaf)).toEqual({
      C: 'US',
      O: 'Acme Passkey Testing',
      OU: 'Authenticator Attestation',
      CN: 'Software Authenticator',
    });
    const extensions = leaf.tbsCertificate.extensions ?? [];
    const basic = extensions.find((e) => e.extnID === id_ce_basicConstraints);
    expect(AsnConvert.parse(basic!.extnValue, BasicConstraints).cA).toBe(false);
    const aaguidExt = extensions.find((e) => e.extnID === AAGUID_OID);
    expect(aaguidExt?.critical).toBe(false);
    expect(new Uint8Array(AsnConvert.parse(aaguidExt!.extnValue, OctetString).buffer)).toEqual(aaguid);
    const x509 = new X509Certificate(leafDer);
    expect(x509.ca).toBe(false);
    expect(x509.verify(new X509Certificate(ca.rootCertificatePem).publicKey)).toBe(true);
    expect(ca.attestationCertificate(aaguid).certificate).toBe(leafDer);
  });

  it('leaves the AAGUID extension out for the zero AAGUID', () => {
    const leaf = AsnConvert.parse(ca.attestationCertificate(new Uint8Array(16)).certificate, Certificate);
    expect(leaf.tbsCertificate.extensions?.some((e) => e.extnID === AAGUID_OID)).toBe(false);
  });

  it('puts only the leaf in x5c', async () => {
    const authenticator = createSoftwareAuthenticator({ attestation: 'packed-x5c', ca });
    const response = await authenticator.create(await registrationOptions(), { origin: ORIGIN });
    const object = decodeCbor(fromBase64url(response.response.attestationObject)) as Map<string, unknown>;
    const x5c = (object.get('attStmt') as Map<string, unknown>).get('x5c') as Uint8Array[];
    expect(x5c).toHaveLength(1);
    expect(new X509Certificate(x5c[0]!).checkIssued(new X509Certificate(ca.rootCertificatePem))).toBe(true);
  });
});
