/**
 * Differential: registrations judged by this server's pipeline (src/webauthn) and by bare
 * SimpleWebAuthn must get the same verdict, except in the documented classes where this server is
 * stricter by design (./differences.ts, ./registration-differences.ts; one case of each, where
 * SimpleWebAuthn accepts, in ./stricter-by-design.test.ts). 2,000 cases by default;
 * PASSKEY_DIFFERENTIAL_SCALE raises it by hand.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webCryptoBackend } from '../../src/webauthn/crypto/web';
import { type Difference, responseDifferences } from './differences';
import { ourJudges, simpleWebAuthn } from './judges';
import { buildRegistration, type RegistrationCase, registrationCase } from './registration-cases';
import { type RegistrationDifference, registrationDifferences } from './registration-differences';

const SCALE = Number(process.env.PASSKEY_DIFFERENTIAL_SCALE ?? 1);
const ours = ourJudges(webCryptoBackend);
const tally = { cases: 0, accepted: 0, shown: new Map<Difference | RegistrationDifference, number>() };

// Attestation certificates may name CRL distribution points: no network in tests.
beforeAll(() => {
  vi.stubGlobal('fetch', async () => {
    throw new Error('no network in tests');
  });
});

async function judge(c: RegistrationCase) {
  const { response, world } = await buildRegistration(c);
  const [mine, theirs] = [
    await ours.registration(response, world),
    await simpleWebAuthn.registration(response, world),
  ];
  const differences = [
    ...responseDifferences(response.response, 'registration'),
    ...registrationDifferences(response),
  ];
  tally.cases++;
  if (mine.accepted) tally.accepted++;
  if (differences.length === 0) {
    expect(mine.accepted, `ours ${JSON.stringify(mine)}, SimpleWebAuthn ${JSON.stringify(theirs)}`).toBe(
      theirs.accepted,
    );
  } else {
    expect(mine, `stricter by design: ${differences.join(', ')}`).toMatchObject({ accepted: false });
    if (theirs.accepted) for (const d of differences) tally.shown.set(d, (tally.shown.get(d) ?? 0) + 1);
  }
}

describe('differential registrations', () => {
  it('accepts every valid registration, in every attestation format, as SimpleWebAuthn does', async () => {
    await fc.assert(fc.asyncProperty(registrationCase(true), judge), { numRuns: Math.round(300 * SCALE) });
  }, 300_000);

  it('gives the verdict SimpleWebAuthn gives to changed registrations, except where stricter by design', async () => {
    await fc.assert(fc.asyncProperty(registrationCase(), judge), { numRuns: Math.round(1700 * SCALE) });
  }, 300_000);
});

afterAll(() => {
  vi.unstubAllGlobals();
  if (process.env.PASSKEY_DIFFERENTIAL_VERBOSE)
    console.log(JSON.stringify({ ...tally, shown: Object.fromEntries(tally.shown) }));
  if (tally.cases < 1000) return; // a filtered run proves nothing either way
  expect(tally.cases).toBeGreaterThanOrEqual(Math.round(2000 * SCALE));
  expect(tally.accepted).toBeGreaterThan(tally.cases / 10);
});
