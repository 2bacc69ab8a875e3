/**
 * Registrations for the differential tests: a new credential of the software authenticator in each
 * attestation format, with flags, client data and RP ID chosen as in ./client-data-cases; changed
 * client data or authenticator data is signed again where the format lets the test (none signs
 * nothing, packed self attestation is signed by the credential's own key); then, optionally, one
 * byte changed and one encoding changed.
 */
import {
  createAttestationCa,
  createSoftwareAuthenticator,
  type RegistrationResponseJSON,
} from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import fc from 'fast-check';
import {
  ALGORITHMS,
  b64,
  CHALLENGE,
  creationOptions,
  ORIGIN,
  RP_ID,
  RP_ID_HASH,
  sha256,
  unb64,
} from '../webauthn/helpers';
import { clientDataBytes, clientDataCase, ORIGINS, often } from './client-data-cases';
import type { RegistrationWorld } from './judges';
import {
  type ByteMutation,
  type EncodingMutation,
  mutateEncoding,
  mutateRegistrationBytes,
} from './mutations';

/** Every choice of a registration case; `valid` gives a correct response. */
export const registrationCase = (valid = false) =>
  fc.record({
    algorithm: fc.oneof(
      { arbitrary: fc.constant('ES256' as const), weight: 30 },
      { arbitrary: fc.constant('EdDSA' as const), weight: 12 },
      { arbitrary: fc.constant('RS256' as const), weight: 1 }, // RSA key generation is slow
    ),
    format: fc.constantFrom('none', 'none', 'packed-self', 'packed-x5c', 'fido-u2f'),
    requireUv: fc.boolean(),
    up: valid ? fc.constant(true) : often(true, fc.constant(false), 9),
    uv: valid ? fc.constant(true) : often(true, fc.constant(false)),
    be: fc.boolean(),
    bs: valid ? fc.constant(false) : fc.boolean(),
    rpId: valid ? fc.constant(RP_ID) : often(RP_ID, fc.constantFrom('evil.example', 'sub.example.com'), 9),
    offered: valid
      ? fc.constant(ALGORITHMS)
      : often(ALGORITHMS, fc.constantFrom<number[]>([-7], [-8], [-257], [-7, -257]), 9),
    clientData: clientDataCase('webauthn.create', valid),
    byte: valid ? fc.constant(null) : fc.option(mutateRegistrationBytes, { freq: 3 }),
    encoding: valid ? fc.constant(null) : fc.option(mutateEncoding, { freq: 8 }),
  });

/** The choices of one registration case. */
export type RegistrationCase = ReturnType<typeof registrationCase> extends fc.Arbitrary<infer T> ? T : never;

type Format = 'none' | 'packed-self' | 'packed-x5c' | 'fido-u2f';
const ca = createAttestationCa();
const authenticators = new Map<string, ReturnType<typeof createSoftwareAuthenticator>>();
const rsaTemplates = new Map<Format, RegistrationResponseJSON>();

/** One authenticator per algorithm and format, all attested by one CA (a CA per case is slow to make). */
function authenticatorFor(algorithm: RegistrationCase['algorithm'], format: Format) {
  const key = `${algorithm}/${format}`;
  let auth = authenticators.get(key);
  if (auth === undefined) {
    auth = createSoftwareAuthenticator({ algorithm, attestation: format, ca });
    authenticators.set(key, auth);
  }
  return auth;
}

/**
 * A new credential for the case. An RSA key takes half a second to generate: RS256 cases reuse one
 * credential per format, made once, and get their flags written into its authenticator data.
 */
async function create(c: RegistrationCase, format: Format) {
  const auth = authenticatorFor(c.algorithm, format);
  const flags = { up: c.up, uv: c.uv, be: c.be, bs: c.bs };
  if (c.algorithm !== 'RS256')
    return { auth, created: await auth.create(creationOptions(), { origin: ORIGIN, flags }) };
  let created = rsaTemplates.get(format);
  if (created === undefined) {
    created = await auth.create(creationOptions(), { origin: ORIGIN });
    rsaTemplates.set(format, created);
  }
  return { auth, created, flags };
}

const flagsByte = (f: { up: boolean; uv: boolean; be: boolean; bs: boolean }) =>
  0x40 | (f.up ? 1 : 0) | (f.uv ? 4 : 0) | (f.be ? 8 : 0) | (f.bs ? 16 : 0);

/** Builds the registration of case `c` and the world it is judged in. */
export async function buildRegistration(c: RegistrationCase) {
  const format: Format = c.format === 'fido-u2f' && c.algorithm !== 'ES256' ? 'packed-self' : c.format;
  const { auth, created, flags } = await create(c, format);
  const object = isoCBOR.decodeFirst<Map<string, unknown>>(unb64(created.response.attestationObject));
  const authData = (object.get('authData') as Uint8Array).slice();
  if (flags) authData[32] = flagsByte(flags);
  if (c.rpId !== RP_ID) authData.set(sha256(c.rpId), 0);
  let cData = clientDataBytes(c.clientData);
  const byte = c.byte as ByteMutation | null;
  if (byte?.resign && byte.target === 'clientDataJSON') cData = byte.apply(cData);
  object.set('authData', authData);
  // Packed self attestation is signed by the credential's key: sign the changed data again.
  if (format === 'packed-self') {
    (object.get('attStmt') as Map<string, unknown>).set(
      'sig',
      auth.sign(created.id, Uint8Array.from([...authData, ...sha256(cData)])),
    );
  }
  let attestationObject: Uint8Array = isoCBOR.encode(object as never);
  if (byte && !byte.resign && byte.target === 'clientDataJSON') cData = byte.apply(cData);
  if (byte?.target === 'attestationObject') attestationObject = byte.apply(attestationObject);
  const response = {
    ...created.response,
    clientDataJSON: b64(cData),
    attestationObject: b64(attestationObject),
  };
  const json = { ...created, response: response as Record<string, unknown> };
  (c.encoding as EncodingMutation | null)?.apply(json);
  const world: RegistrationWorld = {
    challenge: CHALLENGE,
    origins: ORIGINS,
    rpId: RP_ID,
    rpIdHash: RP_ID_HASH,
    requireUserVerification: c.requireUv,
    algorithms: c.offered,
  };
  return { response: json, world };
}
