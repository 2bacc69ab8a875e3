/**
 * Differential: every recorded fixture (real authenticators and the WebAuthn spec's test vectors,
 * test/fixtures/*.json) judged by this server's pipeline and by bare SimpleWebAuthn: the same
 * verdict, as recorded and changed, except a fixture this server refuses by design (its `refused`
 * says why, and the class is in ./differences.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeCryptoBackend } from '../../src/webauthn/crypto/node';
import authentications from '../fixtures/authentications.json';
import registrations from '../fixtures/registrations.json';
import { sha256 } from '../webauthn/helpers';
import { responseDifferences } from './differences';
import {
  type AssertionWorld,
  ourJudges,
  type RegistrationWorld,
  simpleWebAuthn,
  type Verdict,
} from './judges';

const ours = ourJudges(nodeCryptoBackend);
const COSE_ALG = { ES256: -7, RS256: -257, EdDSA: -8 } as const;
const full = <T extends { id: string }>(response: T) => ({
  ...response,
  rawId: response.id,
  type: 'public-key',
  clientExtensionResults: {},
});
const flipLast = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64url');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
  return bytes.toString('base64url');
};
const fromOrigin = (clientDataJSON: string, origin: string) =>
  Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString()), origin }),
  ).toString('base64url');

/** SimpleWebAuthn checks certificate validity on the real clock: run at the fixture's recording time. */
async function at<T>(instant: string | undefined, run: () => Promise<T>): Promise<T> {
  if (instant === undefined) return run();
  vi.useFakeTimers({ now: new Date(instant), toFake: ['Date'] });
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(() => {
  vi.stubGlobal('fetch', async () => {
    throw new Error('no network in tests');
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe.each(registrations)('registration fixture: $name', (f) => {
  const world: RegistrationWorld = {
    challenge: f.challenge,
    origins: [f.origin],
    rpId: f.rpId,
    rpIdHash: sha256(f.rpId),
    requireUserVerification: f.userVerified,
    algorithms: [-8, -7, -257],
  };
  const judge = async (response: Record<string, unknown>) =>
    at(
      f.at,
      async (): Promise<[Verdict, Verdict]> => [
        await ours.registration(response, world),
        await simpleWebAuthn.registration(response, world),
      ],
    );

  it(
    f.refused ? 'is refused by design, where SimpleWebAuthn accepts it' : 'gets the same verdict: accepted',
    async () => {
      const response = full(f.response);
      const [mine, theirs] = await judge(response);
      expect(theirs).toEqual({ accepted: true });
      if (f.refused) {
        expect(responseDifferences(f.response.response, 'registration')).toContain('cross-origin');
        expect(mine).toEqual({ accepted: false, code: f.refused.code });
      } else {
        expect(mine).toEqual({ accepted: true });
      }
    },
  );

  it('gets the same verdict changed: refused from another origin', async () => {
    const response = full({
      ...f.response,
      response: {
        ...f.response.response,
        clientDataJSON: fromOrigin(f.response.response.clientDataJSON, 'https://attacker.example'),
      },
    });
    const [mine, theirs] = await judge(response);
    expect([mine.accepted, theirs.accepted]).toEqual([false, false]);
  });
});

describe.each(authentications)('authentication fixture: $name', (f) => {
  const world: AssertionWorld = {
    challenge: f.challenge,
    origins: [f.origin],
    rpId: f.rpId,
    rpIdHash: sha256(f.rpId),
    requireUserVerification: f.userVerified,
    credential: {
      id: f.credential.id,
      publicKey: new Uint8Array(Buffer.from(f.credential.publicKey, 'base64url')),
      counter: f.credential.counter,
      userHandle: f.credential.userHandle ?? 'bm8tdXNlci1oYW5kbGU',
      backupEligible: (Buffer.from(f.response.response.authenticatorData, 'base64url')[32]! & 0x08) !== 0,
      userVerified: f.userVerified,
    },
  };
  const judge = async (response: Record<string, unknown>): Promise<[Verdict, Verdict]> => [
    await ours.assertion(response, world),
    await simpleWebAuthn.assertion(response, world),
  ];

  it(`gets the same verdict: accepted (${f.algorithm}, COSE ${COSE_ALG[f.algorithm as keyof typeof COSE_ALG]})`, async () => {
    expect(await judge(full(f.response))).toEqual([{ accepted: true }, { accepted: true }]);
    if ('asRecorded' in f && f.asRecorded) {
      // Padded base64url, as the source recorded it.
      const recorded = full({ ...f.response, response: { ...f.response.response, ...f.asRecorded } });
      expect(await judge(recorded)).toEqual([{ accepted: true }, { accepted: true }]);
    }
  });

  it('gets the same verdict changed: refused with a flipped signature byte, or from another origin', async () => {
    const r = f.response.response;
    for (const response of [
      full({ ...f.response, response: { ...r, signature: flipLast(r.signature) } }),
      full({
        ...f.response,
        response: { ...r, clientDataJSON: fromOrigin(r.clientDataJSON, 'https://attacker.example') },
      }),
    ]) {
      const [mine, theirs] = await judge(response);
      expect([mine.accepted, theirs.accepted]).toEqual([false, false]);
    }
  });
});
