/**
 * One registration of each documented difference, where bare SimpleWebAuthn accepts and this
 * server refuses, with the code it refuses with (./registration-differences.ts, ./differences.ts).
 */
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { webCryptoBackend } from '../../src/webauthn/crypto/web';
import { b64, CHALLENGE, ORIGIN, RP_ID, unb64 } from '../webauthn/helpers';
import { type Difference, responseDifferences, STRICTER_BY_DESIGN } from './differences';
import { ourJudges, simpleWebAuthn } from './judges';
import { buildRegistration, type RegistrationCase } from './registration-cases';
import {
  type RegistrationDifference,
  registrationDifferences,
  STRICTER_AT_REGISTRATION,
} from './registration-differences';

const ours = ourJudges(webCryptoBackend);
const CLIENT_DATA = {
  type: 'webauthn.create',
  challenge: CHALLENGE,
  origin: ORIGIN,
  crossOrigin: false,
  topOrigin: 'absent',
  tokenBinding: 'absent',
  text: 'plain',
};
const REGISTRATION = {
  algorithm: 'ES256',
  format: 'none',
  requireUv: true,
  up: true,
  uv: true,
  be: false,
  bs: false,
  rpId: RP_ID,
  offered: [-8, -7, -257],
  clientData: CLIENT_DATA,
  byte: null,
  encoding: null,
} as unknown as RegistrationCase;

/** Rewrites the COSE key inside a registration's attestation object (format none: nothing signs it). */
function withCoseKey(
  json: { response: Record<string, unknown> },
  change: (key: Map<number, unknown>) => void,
) {
  const object = isoCBOR.decodeFirst<Map<string, unknown>>(unb64(json.response.attestationObject as string));
  const authData = object.get('authData') as Uint8Array;
  const idLength = (authData[53] as number) * 256 + (authData[54] as number);
  const key = isoCBOR.decodeFirst<Map<number, unknown>>(authData.slice(55 + idLength));
  change(key);
  object.set(
    'authData',
    Uint8Array.from([...authData.slice(0, 55 + idLength), ...isoCBOR.encode(key as never)]),
  );
  json.response.attestationObject = b64(isoCBOR.encode(object as never));
}

const REGISTRATION_CASES: Array<
  [
    RegistrationDifference | Difference,
    string,
    (json: { id: string; rawId: string; response: Record<string, unknown> }) => void,
  ]
> = [
  [
    'attestation-object',
    'INVALID_REQUEST',
    (json) => {
      json.response.attestationObject = b64(
        Uint8Array.from([...unb64(json.response.attestationObject as string), 0]),
      );
    },
  ],
  [
    'attestation-object',
    'INVALID_REQUEST',
    (json) => {
      const bytes = unb64(json.response.attestationObject as string);
      expect(bytes[18]).toBe(0xa0); // attStmt: the empty map of format none
      bytes[18] = 0x20; // becomes the integer -1
      json.response.attestationObject = b64(bytes);
    },
  ],
  [
    'cose-key',
    'INVALID_REQUEST',
    (json) => withCoseKey(json, (key) => key.set(-2, (key.get(-2) as Uint8Array).slice(1))),
  ],
  [
    'truncated-cbor',
    'INVALID_REQUEST',
    (json) => {
      const bytes = unb64(json.response.attestationObject as string);
      // The y coordinate's header, 0x58 0x20 (32 bytes), becomes 0x58 0x21: one byte more than there is.
      const at = bytes.length - 33;
      expect([bytes[at - 1], bytes[at]]).toEqual([0x58, 0x20]);
      bytes[at] = 0x21;
      json.response.attestationObject = b64(bytes);
    },
  ],
  [
    'credential-id',
    'VERIFICATION_FAILED',
    (json) => {
      const other = unb64(json.id);
      other[0] = (other[0] as number) ^ 1;
      json.id = json.rawId = b64(other);
    },
  ],
  [
    'cross-origin',
    'ORIGIN_MISMATCH',
    (json) => {
      const data = JSON.parse(Buffer.from(json.response.clientDataJSON as string, 'base64url').toString());
      json.response.clientDataJSON = Buffer.from(JSON.stringify({ ...data, crossOrigin: true })).toString(
        'base64url',
      );
    },
  ],
];

describe('stricter by design than bare SimpleWebAuthn: registration', () => {
  it.each(REGISTRATION_CASES)('%s (refused with %s)', async (difference, code, edit) => {
    const reason = { ...STRICTER_BY_DESIGN, ...STRICTER_AT_REGISTRATION }[difference];
    expect(reason.length).toBeGreaterThan(40);
    const { response, world } = await buildRegistration(REGISTRATION);
    edit(response as never);
    expect(await simpleWebAuthn.registration(response, world)).toEqual({ accepted: true });
    expect(await ours.registration(response, world)).toEqual({ accepted: false, code });
    const found = [
      ...responseDifferences(response.response, 'registration'),
      ...registrationDifferences(response),
    ];
    expect(found).toContain(difference);
  });
});
