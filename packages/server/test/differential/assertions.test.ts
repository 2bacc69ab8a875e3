/**
 * Differential: assertions judged by this server's pipeline (src/webauthn) and by bare
 * SimpleWebAuthn must get the same verdict, except in the documented classes where this server is
 * stricter by design (./differences.ts; one case of each, where SimpleWebAuthn accepts, in
 * ./stricter-by-design.test.ts). 10,000 cases by default; PASSKEY_DIFFERENTIAL_SCALE=10 runs ten
 * times as many by hand (PASSKEY_DIFFERENTIAL_VERBOSE=1 prints how often each class was met).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCryptoBackend } from '../../src/webauthn/crypto/node';
import { webCryptoBackend } from '../../src/webauthn/crypto/web';
import {
  type AssertionCase,
  assertionCase,
  buildAssertion,
  makePool,
  type PoolCredential,
} from './assertion-cases';
import { assertionDifferences, type Difference } from './differences';
import { ourJudges, simpleWebAuthn } from './judges';

const SCALE = Number(process.env.PASSKEY_DIFFERENTIAL_SCALE ?? 1);
const runs = (n: number) => Math.round(n * SCALE);

let pool: PoolCredential[];
beforeAll(async () => {
  pool = await makePool();
}, 60_000);

const tally = { cases: 0, accepted: 0, refused: 0, shown: new Map<Difference, number>() };

async function judge(c: AssertionCase, ours: ReturnType<typeof ourJudges>) {
  const { response, world } = buildAssertion(c, pool);
  const [mine, theirs] = [
    await ours.assertion(response, world),
    await simpleWebAuthn.assertion(response, world),
  ];
  const credential = pool[c.pick % pool.length]!;
  const differences = assertionDifferences(response.response as Record<string, unknown>, {
    ...credential,
    userHandle: world.credential.userHandle,
    requireUserVerification: c.requireUv,
  });
  tally.cases++;
  tally[mine.accepted ? 'accepted' : 'refused']++;
  if (differences.length === 0) {
    expect(mine.accepted, `ours ${JSON.stringify(mine)}, SimpleWebAuthn ${JSON.stringify(theirs)}`).toBe(
      theirs.accepted,
    );
  } else {
    expect(mine, `stricter by design: ${differences.join(', ')}`).toMatchObject({ accepted: false });
    if (theirs.accepted) for (const d of differences) tally.shown.set(d, (tally.shown.get(d) ?? 0) + 1);
  }
}

describe.each([
  { backend: webCryptoBackend, share: 0.5 },
  { backend: nodeCryptoBackend, share: 0.5 },
])('differential assertions, this server on $backend.name', { timeout: 300_000 }, ({ backend, share }) => {
  const ours = ourJudges(backend);

  it('accepts every valid assertion, as SimpleWebAuthn does', async () => {
    await fc.assert(
      fc.asyncProperty(assertionCase(true), (c) => judge(c, ours)),
      { numRuns: runs(1500 * share) },
    );
  }, 300_000);

  it('gives the verdict SimpleWebAuthn gives to changed assertions, except where stricter by design', async () => {
    await fc.assert(
      fc.asyncProperty(assertionCase(), (c) => judge(c, ours)),
      { numRuns: runs(8500 * share) },
    );
  }, 300_000);
});

afterAll(() => {
  if (process.env.PASSKEY_DIFFERENTIAL_VERBOSE)
    console.log(JSON.stringify({ ...tally, shown: Object.fromEntries(tally.shown) }));
  if (tally.cases < 5000) return; // a filtered run of a few tests proves nothing either way
  expect(tally.cases).toBeGreaterThanOrEqual(runs(10_000));
  // Enough of them valid that acceptance is tested as much as refusal.
  expect(tally.accepted).toBeGreaterThan(tally.cases / 10);
});
