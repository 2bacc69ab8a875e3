/**
 * One sign-in of each documented difference, where bare SimpleWebAuthn accepts and this server
 * refuses, with the code it refuses with: the list in ./differences.ts is real, and each entry
 * says why (registrations: ./stricter-at-registration.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webCryptoBackend } from '../../src/webauthn/crypto/web';
import { b64, CHALLENGE, ORIGIN, RP_ID, unb64 } from '../webauthn/helpers';
import { type AssertionCase, buildAssertion, makePool, type PoolCredential } from './assertion-cases';
import { assertionDifferences, type Difference, STRICTER_BY_DESIGN } from './differences';
import { ourJudges, simpleWebAuthn } from './judges';

const ours = ourJudges(webCryptoBackend);
let pool: PoolCredential[];
beforeAll(async () => {
  pool = await makePool();
}, 60_000);

const CLIENT_DATA = {
  type: 'webauthn.get',
  challenge: CHALLENGE,
  origin: ORIGIN,
  crossOrigin: false,
  topOrigin: 'absent',
  tokenBinding: 'absent',
  text: 'plain',
};
const ASSERTION = {
  pick: 0,
  requireUv: true,
  storedCounter: 0,
  counter: 'advance',
  up: true,
  uv: true,
  bs: false,
  flipBe: false,
  otherBits: 0,
  extensions: null,
  rpId: RP_ID,
  clientData: CLIENT_DATA,
  userHandle: 'stored',
  byte: null,
  encoding: null,
};
/** An assertion case: valid, with `change` applied. Pool entry 1 is a passkey registered with UV (ES256). */
const assertion = (change: Record<string, unknown>, clientData: Record<string, unknown> = {}) =>
  ({ ...ASSERTION, ...change, clientData: { ...CLIENT_DATA, ...clientData } }) as unknown as AssertionCase;

const ASSERTION_CASES: Array<
  [Difference, string, AssertionCase, ((json: Record<string, unknown>) => void)?]
> = [
  ['cross-origin', 'ORIGIN_MISMATCH', assertion({}, { crossOrigin: true })],
  ['cross-origin', 'INVALID_REQUEST', assertion({}, { crossOrigin: 'true' })],
  ['user-handle', 'VERIFICATION_FAILED', assertion({ userHandle: 'other' })],
  ['backup-eligibility', 'VERIFICATION_FAILED', assertion({ flipBe: true })],
  ['sticky-uv', 'USER_VERIFICATION_REQUIRED', assertion({ pick: 0, requireUv: false, uv: false })],
  ['invalid-utf8', 'INVALID_REQUEST', assertion({}, { text: 'invalid-utf8' })],
  ['token-binding', 'INVALID_REQUEST', assertion({}, { tokenBinding: { status: 'present', id: 'aWQ' } })],
  // SimpleWebAuthn reads "+" as "A" in clientDataJSON, and drops a dangling last character: the
  // same bytes, written in a way base64url does not allow.
  [
    'base64url',
    'INVALID_REQUEST',
    assertion({}),
    (json) => {
      const r = json.response as Record<string, string>;
      const text = r.clientDataJSON as string;
      r.clientDataJSON = text.includes('A')
        ? text.replace('A', '+')
        : `${text}${'A'.repeat((5 - (text.length % 4)) % 4 || 4)}`;
      expect(r.clientDataJSON).not.toBe(text);
    },
  ],
  [
    'ecdsa-der',
    'VERIFICATION_FAILED',
    assertion({}),
    (json) => {
      const r = json.response as Record<string, string>;
      r.signature = b64(Uint8Array.from([...unb64(r.signature!), 0])); // a byte after the SEQUENCE
    },
  ],
  // ED set, and an empty byte string (0x40) where the map of extension outputs belongs.
  [
    'extensions',
    'INVALID_REQUEST',
    assertion({
      otherBits: 0x80,
      byte: {
        target: 'authenticatorData',
        resign: true,
        apply: (b: Uint8Array) => Uint8Array.from([...b, 0x40]),
      },
    }),
  ],
  // An extension whose identifier holds 0xe3 0x72: not UTF-8.
  [
    'cbor-text',
    'INVALID_REQUEST',
    assertion({
      extensions: { credProtect: 1 },
      byte: {
        target: 'authenticatorData',
        resign: true,
        apply: (b: Uint8Array) => Uint8Array.from(b, (x, i) => (i === 39 ? x ^ 0x80 : x)),
      },
    }),
  ],
  [
    'ecdsa-der',
    'VERIFICATION_FAILED',
    assertion({}),
    (json) => {
      const r = json.response as Record<string, string>;
      r.signature = b64(Uint8Array.from([0xb0, ...unb64(r.signature!).subarray(1)])); // [16] instead of SEQUENCE
    },
  ],
];

describe('stricter by design than bare SimpleWebAuthn: sign-in', () => {
  it.each(ASSERTION_CASES)('%s (refused with %s)', async (difference, code, c, edit) => {
    expect(STRICTER_BY_DESIGN[difference].length).toBeGreaterThan(40);
    const { response, world } = buildAssertion(c, pool);
    if (edit) edit(response);
    expect(await simpleWebAuthn.assertion(response, world)).toEqual({ accepted: true });
    expect(await ours.assertion(response, world)).toEqual({ accepted: false, code });
    // The classifier the property tests use sees the same.
    const stored = {
      ...pool[0]!,
      userHandle: world.credential.userHandle,
      requireUserVerification: world.requireUserVerification,
    };
    expect(assertionDifferences(response.response as Record<string, unknown>, stored)).toContain(difference);
  });

  it('pool entry 0 is an ES256 passkey registered with user verification', () => {
    expect(pool[0]).toMatchObject({ algorithm: 'ES256', userVerified: true, backupEligible: false });
  });
});
