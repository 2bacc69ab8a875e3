import { decodePartialCBOR } from '@levischuck/tiny-cbor';

/**
 * Where this server is stricter than bare SimpleWebAuthn by design, each with its reason. The
 * differential tests expect identical verdicts everywhere else; for a case in one of these
 * classes — decided from the case's input, never from a verdict — they expect only that this
 * server refuses, and they check that SimpleWebAuthn really accepts some case of each class.
 */
export const STRICTER_BY_DESIGN = {
  'cross-origin':
    'clientDataJSON says the ceremony ran in a cross-origin iframe (crossOrigin true or not a boolean, or a ' +
    'topOrigin): this server lets no other site frame its ceremonies, so a framing page cannot drive one ' +
    '(clickjacking). SimpleWebAuthn reads crossOrigin by truthiness and checks topOrigin only when it is set.',
  'user-handle':
    'the response names a user handle that is not the stored one (L3 §7.2 step 6): another account’s ' +
    'credential or a forged response. SimpleWebAuthn leaves the user handle to the caller.',
  'backup-eligibility':
    'the BE flag differs from the one stored at registration: backup eligibility is fixed for the life of a ' +
    'credential (L3 §6.1.3), so the response comes from another credential or a tampered authenticator. ' +
    'SimpleWebAuthn does not know the stored value.',
  'sticky-uv':
    'a passkey that verified its user at registration did not verify them now, under a policy that only ' +
    'prefers verification: a passkey that can verify must keep doing so, or a thief holding the device could ' +
    'skip the biometric. SimpleWebAuthn knows only requireUserVerification.',
  'invalid-utf8':
    'clientDataJSON is not valid UTF-8 (L3 §7.2 step 8 decodes it as UTF-8): this server refuses it rather ' +
    'than read U+FFFD in its place. SimpleWebAuthn decodes with replacement.',
  'token-binding':
    'clientDataJSON carries a tokenBinding other than { status: "supported" }: "present" asks for a check of ' +
    'the TLS connection this server cannot make (L2 §7.2 step 14), other statuses are not values of ' +
    'TokenBindingStatus. SimpleWebAuthn accepts "present" unverified, and non-object values.',
  base64url:
    'a binary member is not base64url (RFC 4648 §5): a character outside the alphabet, a "=" inside, or a ' +
    'dangling last character that encodes no whole byte. This server decodes strictly; SimpleWebAuthn does not ' +
    'check clientDataJSON at all, reads characters outside the alphabet as "A" and drops a dangling one.',
  'ecdsa-der':
    'an ES256 signature that is not exactly one DER Ecdsa-Sig-Value: a context-specific tag in place of the ' +
    'SEQUENCE, a long-form length, or bytes after it. WebAuthn signs with DER (L3 §6.5.5), which has one ' +
    'encoding per signature; SimpleWebAuthn’s ASN.1 parser overlooks these, so one signature could be sent ' +
    'in many forms.',
  'cbor-text':
    'a CBOR text string (an extension identifier, a COSE or attestation member) that is not UTF-8, as CBOR ' +
    'requires (RFC 8949 §3.1). SimpleWebAuthn’s decoder puts U+FFFD in its place, and its re-encoding then ' +
    'miscounts the item’s length: it accepts some such data and refuses the rest by accident.',
  extensions:
    'the ED flag is set but what follows is not a CBOR map of extension outputs (L3 §6.1). SimpleWebAuthn ' +
    'iterates whatever it decoded, so an empty byte string or array passes as no extensions.',
} as const;

/** True when the item after an assertion's 37-byte header decodes as a CBOR map. */
export function extensionsAreMap(authData: Uint8Array): boolean {
  try {
    return decodePartialCBOR(new Uint8Array(authData), 37)[0] instanceof Map;
  } catch {
    return true; // not CBOR at all: both refuse
  }
}

/** True when the CBOR item at `offset` of `bytes` holds a text string that was not UTF-8. */
export function invalidCborText(bytes: Uint8Array, offset: number): boolean {
  const text = (v: unknown): boolean =>
    typeof v === 'string'
      ? v.includes('\uFFFD')
      : Array.isArray(v)
        ? v.some(text)
        : v instanceof Map && [...v].some(([k, x]) => text(k) || text(x));
  try {
    return text(decodePartialCBOR(new Uint8Array(bytes), offset)[0]);
  } catch {
    return false;
  }
}

/**
 * True when an ES256 signature (base64url, as sent) is not exactly one DER SEQUENCE: the outer tag is
 * a context-specific one (which SimpleWebAuthn's ASN.1 parser takes for a SEQUENCE), its length is
 * in long form, or bytes follow it. Its structure, not whether it verifies.
 */
export function looseEcdsaDer(signature: unknown): boolean {
  if (typeof signature !== 'string' || !strictBase64Url(signature)) return false;
  const b = Buffer.from(signature, 'base64url');
  if (b.length < 2) return false;
  const tag = b[0] as number;
  const contextConstructed = (tag & 0xe0) === 0xa0 && (tag & 0x1f) !== 0x1f;
  if (tag !== 0x30 && !contextConstructed) return false;
  return tag !== 0x30 || ((b[1] as number) & 0x80) !== 0 || b.length > (b[1] as number) + 2;
}

/** A documented difference. */
export type Difference = keyof typeof STRICTER_BY_DESIGN;

const STRICT_B64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The base64url members each judge reads, by kind of response. */
const BINARY = {
  assertion: ['clientDataJSON', 'authenticatorData', 'signature', 'userHandle'],
  registration: ['clientDataJSON', 'attestationObject'],
};

/** True for base64url as this server reads it: the alphabet, no dangling character, 0–2 "=" at the end. */
const strictBase64Url = (v: string) => STRICT_B64URL.test(v) && v.replace(/=+$/, '').length % 4 !== 1;

/** The differences the members of a response (`response.response`, as sent) fall into. */
export function responseDifferences(
  members: Record<string, unknown>,
  kind: keyof typeof BINARY,
): Difference[] {
  const found = clientDataDifferences(members.clientDataJSON);
  const loose = BINARY[kind].some(
    (f) => typeof members[f] === 'string' && members[f] !== '' && !strictBase64Url(members[f] as string),
  );
  if (loose && !found.includes('base64url')) found.push('base64url');
  return found;
}

/** The differences that the client data of a response (base64url text, as sent) falls into. */
function clientDataDifferences(clientDataJSON: unknown): Difference[] {
  if (typeof clientDataJSON !== 'string') return [];
  const found: Difference[] = [];
  if (!strictBase64Url(clientDataJSON)) found.push('base64url');
  const bytes = Buffer.from(clientDataJSON, 'base64url');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    found.push('invalid-utf8');
    text = bytes.toString('utf8');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return found;
  }
  if (typeof data !== 'object' || data === null) return found;
  const d = data as Record<string, unknown>;
  if (('crossOrigin' in d && d.crossOrigin !== false) || 'topOrigin' in d) found.push('cross-origin');
  const tb = d.tokenBinding as { status?: unknown } | undefined;
  if ('tokenBinding' in d && !(typeof tb === 'object' && tb !== null && tb.status === 'supported')) {
    found.push('token-binding');
  }
  return found;
}

/** What an assertion's differences depend on besides the response: the stored passkey and the policy. */
export interface StoredFacts {
  algorithm: 'ES256' | 'EdDSA' | 'RS256';
  backupEligible: boolean;
  userVerified: boolean;
  userHandle: string;
  requireUserVerification: boolean;
}

/** The documented classes an assertion falls into, from its members as sent and the stored facts. */
export function assertionDifferences(members: Record<string, unknown>, stored: StoredFacts): Difference[] {
  const found = responseDifferences(members, 'assertion');
  const handle = members.userHandle;
  if (handle !== undefined && String(handle).replace(/=+$/, '') !== stored.userHandle)
    found.push('user-handle');
  if (stored.algorithm === 'ES256' && looseEcdsaDer(members.signature)) found.push('ecdsa-der');
  const authData = Buffer.from(String(members.authenticatorData), 'base64url');
  const flags = authData[32] ?? 0;
  if (authData.length >= 37 && ((flags & 0x08) !== 0) !== stored.backupEligible)
    found.push('backup-eligibility');
  if (stored.userVerified && !stored.requireUserVerification && !(flags & 0x04)) found.push('sticky-uv');
  if (authData.length > 37 && !(flags & 0x40)) {
    if (invalidCborText(authData, 37)) found.push('cbor-text');
    if (flags & 0x80 && !extensionsAreMap(authData)) found.push('extensions');
  }
  return found;
}
