/**
 * Assertions for the differential tests: a credential of the software authenticator, then client
 * data and authenticator data chosen field by field (valid, or wrong the ways browsers, broken
 * clients and attackers make them wrong), signed with the credential's key; then, optionally, one
 * byte changed (signed again or not) and one encoding changed.
 */
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import fc from 'fast-check';
import { b64, CHALLENGE, creationOptions, ORIGIN, RP_ID, RP_ID_HASH, sha256 } from '../webauthn/helpers';
import { clientDataBytes, clientDataCase, ORIGINS, often } from './client-data-cases';
import type { AssertionWorld } from './judges';
import { type ByteMutation, type EncodingMutation, mutateBytes, mutateEncoding } from './mutations';

const USER_HANDLE = 'dXNlci1oYW5kbGU';

/** One registered credential of the pool, with what the server stored about it. */
export interface PoolCredential {
  auth: ReturnType<typeof createSoftwareAuthenticator>;
  id: string;
  publicKey: Uint8Array;
  algorithm: 'ES256' | 'EdDSA' | 'RS256';
  backupEligible: boolean;
  userVerified: boolean;
}

/** Credentials of every algorithm, backup eligibility and registration UV: made once per file. */
export async function makePool(): Promise<PoolCredential[]> {
  const specs = [
    ...(['ES256', 'EdDSA', 'RS256'] as const).flatMap((algorithm) => [
      { algorithm, be: false, uv: true },
      { algorithm, be: true, uv: false },
    ]),
    { algorithm: 'ES256' as const, be: false, uv: false },
    { algorithm: 'ES256' as const, be: true, uv: true },
  ];
  const pool: PoolCredential[] = [];
  for (const { algorithm, be, uv } of specs) {
    const auth = createSoftwareAuthenticator({ algorithm, flags: { be } });
    await auth.create(creationOptions(), { origin: ORIGIN });
    const stored = auth.credentials[0]!;
    pool.push({
      auth,
      id: stored.id,
      publicKey: stored.publicKey,
      algorithm,
      backupEligible: be,
      userVerified: uv,
    });
  }
  return pool;
}

/** Every choice a case makes; `valid` gives the choices of a correct response. */
export const assertionCase = (valid = false) =>
  fc.record({
    pick: fc.nat(),
    requireUv: fc.boolean(),
    storedCounter: fc.constantFrom(0, 7, 1000),
    counter: valid
      ? fc.constant('advance' as const)
      : often('advance' as const, fc.constantFrom('same', 'below', 'zero', 'max')),
    up: valid ? fc.constant(true) : often(true, fc.constant(false), 9),
    uv: valid ? fc.constant(true) : often(true, fc.constant(false)),
    bs: fc.boolean(),
    flipBe: valid ? fc.constant(false) : often(false, fc.constant(true), 9),
    otherBits: valid ? fc.constant(0) : often(0, fc.constantFrom(0x02, 0x20, 0x40, 0x80, 0x22), 19),
    extensions: often(null, fc.record({ credProtect: fc.integer({ min: 1, max: 3 }) }), 19),
    rpId: valid
      ? fc.constant(RP_ID)
      : often(RP_ID, fc.constantFrom('evil.example', 'example.co', 'sub.example.com', 'EXAMPLE.COM'), 9),
    clientData: clientDataCase('webauthn.get', valid),
    userHandle: valid
      ? fc.constantFrom('absent', 'stored')
      : often('stored', fc.constantFrom('absent', 'other', 'empty'), 3),
    byte: valid ? fc.constant(null) : fc.option(mutateBytes, { freq: 2 }),
    encoding: valid ? fc.constant(null) : fc.option(mutateEncoding, { freq: 6 }),
  });

/** The choices of one assertion case. */
export type AssertionCase = ReturnType<typeof assertionCase> extends fc.Arbitrary<infer T> ? T : never;

function counterFor(c: AssertionCase): number {
  const s = c.storedCounter;
  return { advance: s + 1 + (c.pick % 50), same: s, below: Math.max(0, s - 1), zero: 0, max: 0xffffffff }[
    c.counter
  ];
}

function authenticatorData(c: AssertionCase, credential: PoolCredential): Uint8Array {
  const be = credential.backupEligible !== c.flipBe;
  const ext =
    c.extensions === null ? new Uint8Array() : isoCBOR.encode(new Map(Object.entries(c.extensions)) as never);
  const flags =
    (c.up ? 1 : 0) |
    (c.uv ? 4 : 0) |
    (be ? 8 : 0) |
    (c.bs ? 16 : 0) |
    (ext.length > 0 ? 0x80 : 0) |
    c.otherBits;
  const data = new Uint8Array(37 + ext.length);
  data.set(c.rpId === RP_ID ? RP_ID_HASH : sha256(c.rpId), 0);
  data[32] = flags;
  new DataView(data.buffer).setUint32(33, counterFor(c));
  data.set(ext, 37);
  return data;
}

/** Builds the response of case `c` and the world it is judged in. */
export function buildAssertion(
  c: AssertionCase,
  pool: PoolCredential[],
): { response: Record<string, unknown>; world: AssertionWorld } {
  const credential = pool[c.pick % pool.length]!;
  let authData = authenticatorData(c, credential);
  let cData = clientDataBytes(c.clientData);
  const byte = c.byte as ByteMutation | null;
  if (byte?.resign && byte.target === 'authenticatorData') authData = byte.apply(authData);
  if (byte?.resign && byte.target === 'clientDataJSON') cData = byte.apply(cData);
  let signature = credential.auth.sign(credential.id, Uint8Array.from([...authData, ...sha256(cData)]));
  if (byte && !byte.resign) {
    if (byte.target === 'authenticatorData') authData = byte.apply(authData);
    if (byte.target === 'clientDataJSON') cData = byte.apply(cData);
    if (byte.target === 'signature') signature = byte.apply(signature);
  }
  const handle = { absent: undefined, stored: USER_HANDLE, other: 'b3RoZXItaGFuZGxl', empty: '' }[
    c.userHandle
  ];
  const response: Record<string, unknown> = {
    clientDataJSON: b64(cData),
    authenticatorData: b64(authData),
    signature: b64(signature),
    ...(handle === undefined ? {} : { userHandle: handle }),
  };
  const json = {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response,
  };
  (c.encoding as EncodingMutation | null)?.apply(json);
  const world: AssertionWorld = {
    challenge: CHALLENGE,
    origins: ORIGINS,
    rpId: RP_ID,
    rpIdHash: RP_ID_HASH,
    requireUserVerification: c.requireUv,
    credential: {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: c.storedCounter,
      userHandle: USER_HANDLE,
      backupEligible: credential.backupEligible,
      userVerified: credential.userVerified,
    },
  };
  return { response: json, world };
}
