import { createHash, type KeyObject } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
} from '@peculiar/asn1-x509';
import { isZeroAaguid } from '../aaguid';
import { extension, issueCertificate, type NameParts, toPem } from '../certificates';
import { generateKeyPair, spkiOf } from '../keys';

/** id-fido-gen-ce-aaguid: the AAGUID of the authenticator model, in its attestation certificate. */
const ID_FIDO_GEN_CE_AAGUID = '1.3.6.1.4.1.45724.1.1.4';
const HOUR = 3_600_000;
const TEN_YEARS = 10 * 365 * 24 * HOUR;

/** An attestation certificate and the key that signs attestation statements with it. */
export interface AttestationCertificate {
  /** DER bytes of the leaf, the first (and only) entry of `x5c`. */
  readonly certificate: Uint8Array<ArrayBuffer>;
  /** P-256 private key matching the certificate. */
  readonly privateKey: KeyObject;
}

/** A root CA for `packed` (x5c) and `fido-u2f` attestation; share one across authenticators. */
export interface AttestationCa {
  /** The self-signed root as PEM: hand it to the verifier as the trust anchor. */
  readonly rootCertificatePem: string;
  /** The same root as DER bytes. */
  readonly rootCertificate: Uint8Array<ArrayBuffer>;
  /** The leaf for an AAGUID (16 bytes), issued on first use and reused after. */
  attestationCertificate(aaguid: Uint8Array): AttestationCertificate;
}

/** Options of {@link createAttestationCa}. */
export interface AttestationCaOptions {
  /** Organization written into both certificates. Default `'Acme Passkey Testing'`. */
  organization?: string;
  /** Clock for the validity window (now − 1 h to now + 10 years). Default: the system clock. */
  now?: () => Date;
}

/**
 * Creates a two-level attestation PKI: a self-signed P-256 root and, per AAGUID, a leaf that meets
 * the FIDO packed attestation certificate requirements (WebAuthn L3 §8.2.1): version 3; subject
 * C, O, OU = "Authenticator Attestation", CN; basic constraints CA = false; and the non-critical
 * id-fido-gen-ce-aaguid extension holding the AAGUID when it is not zero.
 *
 * @example
 * const ca = createAttestationCa();
 * SettingsService.setRootCertificates({ identifier: 'packed', certificates: [ca.rootCertificatePem] });
 * const authenticator = createSoftwareAuthenticator({ attestation: 'packed-x5c', ca });
 */
export function createAttestationCa(options: AttestationCaOptions = {}): AttestationCa {
  const organization = options.organization ?? 'Acme Passkey Testing';
  const now = (options.now ?? (() => new Date()))().getTime();
  const validity = { notBefore: new Date(now - HOUR), notAfter: new Date(now + TEN_YEARS) };
  const rootName: NameParts = { C: 'US', O: organization, CN: `${organization} Root CA` };
  const root = generateKeyPair('ES256');
  const rootKeyId = createHash('sha1').update(spkiOf(root.publicKey)).digest();
  const rootCertificate = issueCertificate({
    ...validity,
    subject: rootName,
    issuer: rootName,
    publicKey: root.publicKey,
    issuerKey: root.privateKey,
    extensions: [
      extension(id_ce_basicConstraints, new BasicConstraints({ cA: true }), true),
      extension(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign), true),
      extension(id_ce_subjectKeyIdentifier, new KeyIdentifier(rootKeyId)),
    ],
  });
  const leaves = new Map<string, AttestationCertificate>();

  function issueLeaf(aaguid: Uint8Array): AttestationCertificate {
    const leaf = generateKeyPair('ES256');
    const extensions = [
      extension(id_ce_basicConstraints, new BasicConstraints({ cA: false }), true),
      extension(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.digitalSignature), true),
      extension(
        id_ce_authorityKeyIdentifier,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(rootKeyId) }),
      ),
    ];
    if (!isZeroAaguid(aaguid)) {
      extensions.push(extension(ID_FIDO_GEN_CE_AAGUID, new OctetString(aaguid)));
    }
    const certificate = issueCertificate({
      ...validity,
      subject: { C: 'US', O: organization, OU: 'Authenticator Attestation', CN: 'Software Authenticator' },
      issuer: rootName,
      publicKey: leaf.publicKey,
      issuerKey: root.privateKey,
      extensions,
    });
    return { certificate, privateKey: leaf.privateKey };
  }

  return {
    rootCertificatePem: toPem(rootCertificate),
    rootCertificate,
    attestationCertificate(aaguid) {
      const key = Buffer.from(aaguid).toString('hex');
      const cached = leaves.get(key) ?? issueLeaf(aaguid);
      leaves.set(key, cached);
      return cached;
    },
  };
}
