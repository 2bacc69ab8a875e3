/**
 * Verification, three ways, on the same responses: the SDK's finishAuthentication (node entry,
 * memory stores), bare @simplewebauthn/server verifyAuthenticationResponse, and a raw
 * crypto.verify with an already-imported key — for ES256, EdDSA and RS256. Then registration:
 * finishRegistration against bare verifyRegistrationResponse. Each figure is the median of ROUNDS
 * rounds, all in this one run.
 */
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { median } from './measure';
import { nodeEntry, webEntry } from './node-entry';

const ORIGIN = 'https://example.com';
const RP = { id: 'example.com', name: 'Bench' };
const N = Number(process.env.BENCH_CEREMONIES ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const quiet = { warn() {}, error() {} };
export const ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

/** Operations per second, each the median of the rounds. */
export interface CeremonyFigures {
  /** `sdk`: the node entry; `web`: the default (WebCrypto) entry, for the gain of the former. */
  signIn: Record<Algorithm, { sdk: number; web: number; bare: number; raw: number }>;
  registration: Record<'none' | 'packed', { sdk: number; bare: number }>;
}

const b = (text: string) => Buffer.from(text, 'base64url');

/**
 * Runs the named operations for i in [0, n), interleaved (a, b, c for 0, then for 1, …), timing each
 * call: on a shared, noisy machine a burst of load then hits every contender alike. Returns each
 * one's median latency in ms.
 */
export async function interleaved<K extends string>(
  n: number,
  ops: Record<K, (i: number) => unknown>,
): Promise<Record<K, number>> {
  const names = Object.keys(ops) as K[];
  const times = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < n; i++) {
    for (const k of names) {
      const t = performance.now();
      await ops[k](i);
      times[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((k) => [k, median(times[k])])) as Record<K, number>;
}

/** Operations per second from the rounds' median latencies (ms): the median round. */
const perSecond = (rounds: number[]) => 1000 / median(rounds);

function rawVerifier(algorithm: Algorithm, key: KeyObject) {
  return (r: { authenticatorData: string; clientDataJSON: string; signature: string }) => {
    const data = Buffer.concat([
      b(r.authenticatorData),
      createHash('sha256').update(b(r.clientDataJSON)).digest(),
    ]);
    const ok =
      algorithm === 'ES256'
        ? verify('sha256', data, { key, dsaEncoding: 'der' }, b(r.signature))
        : verify(algorithm === 'EdDSA' ? null : 'sha256', data, key, b(r.signature));
    if (!ok) throw new Error('bad signature');
  };
}

async function signIn(algorithm: Algorithm) {
  // Both entries on the same stores: each finishes its own ceremonies of the same passkey.
  const stores = { store: createMemoryPasskeyStore(), challenges: createMemoryChallengeStore() };
  const server = (await nodeEntry()).createPasskeyServer({
    rp: RP,
    origins: [ORIGIN],
    logger: quiet,
    ...stores,
  });
  const web = (await webEntry()).createPasskeyServer({ rp: RP, origins: [ORIGIN], logger: quiet, ...stores });
  const auth = createSoftwareAuthenticator({ algorithm, attachment: 'platform' });
  const user = { id: 'u1', name: 'u1', displayName: 'U1' };
  const reg = await server.startRegistration({ user, lastVerifiedAt: new Date() });
  const created = await auth.create(reg.options, { origin: ORIGIN });
  await server.finishRegistration({ ceremonyId: reg.ceremonyId, userId: 'u1', response: created });
  const credential = auth.credentials[0]!;
  const key = createPublicKey({ key: b(created.response.publicKey!), format: 'der', type: 'spki' });
  const raw = rawVerifier(algorithm, key);
  const rounds = { sdk: [] as number[], web: [] as number[], bare: [] as number[], raw: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    const starts: Array<Awaited<ReturnType<typeof server.startAuthentication>>> = [];
    const responses: Array<Awaited<ReturnType<typeof auth.get>>> = [];
    // Made in the order they are finished (node entry, then web entry, for each i): counters rise.
    for (let i = 0; i < 2 * N; i++) {
      starts.push(await server.startAuthentication());
      responses.push(await auth.get(starts[i]!.options, { origin: ORIGIN }));
    }
    const ms = await interleaved(N, {
      sdk: (i) =>
        server.finishAuthentication({ ceremonyId: starts[2 * i]!.ceremonyId, response: responses[2 * i] }),
      web: (i) =>
        web.finishAuthentication({
          ceremonyId: starts[2 * i + 1]!.ceremonyId,
          response: responses[2 * i + 1],
        }),
      bare: async (i) => {
        const result = await verifyAuthenticationResponse({
          response: responses[2 * i]!,
          expectedChallenge: starts[2 * i]!.options.challenge,
          expectedOrigin: ORIGIN,
          expectedRPID: RP.id,
          credential: { id: credential.id, publicKey: credential.publicKey, counter: 0 },
        });
        if (!result.verified) throw new Error('not verified');
      },
      raw: (i) => raw(responses[2 * i]!.response),
    });
    if (round === 0) continue; // warm-up
    for (const k of ['sdk', 'web', 'bare', 'raw'] as const) rounds[k].push(ms[k]);
  }
  return {
    sdk: perSecond(rounds.sdk),
    web: perSecond(rounds.web),
    bare: perSecond(rounds.bare),
    raw: perSecond(rounds.raw),
  };
}

async function registration(format: 'none' | 'packed-self') {
  const { createPasskeyServer } = await nodeEntry();
  const auth = createSoftwareAuthenticator({ algorithm: 'ES256', attestation: format });
  const rounds = { sdk: [] as number[], bare: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    // A server per round: the memory store scans every passkey to count a user's.
    const server = createPasskeyServer({ rp: RP, origins: [ORIGIN], logger: quiet });
    const made: Array<{
      ceremonyId: string;
      userId: string;
      challenge: string;
      response: Awaited<ReturnType<typeof auth.create>>;
    }> = [];
    for (let i = 0; i < N; i++) {
      const user = { id: `r${round}-${i}`, name: `r${round}-${i}`, displayName: 'R' };
      const { ceremonyId, options } = await server.startRegistration({ user, lastVerifiedAt: new Date() });
      made.push({
        ceremonyId,
        userId: user.id,
        challenge: options.challenge,
        response: await auth.create(options, { origin: ORIGIN }),
      });
    }
    const ms = await interleaved(N, {
      sdk: (i) => server.finishRegistration(made[i]!),
      bare: async (i) => {
        const { verified } = await verifyRegistrationResponse({
          response: made[i]!.response,
          expectedChallenge: made[i]!.challenge,
          expectedOrigin: ORIGIN,
          expectedRPID: RP.id,
          supportedAlgorithmIDs: [-8, -7, -257],
        });
        if (!verified) throw new Error('not verified');
      },
    });
    if (round === 0) continue;
    rounds.sdk.push(ms.sdk);
    rounds.bare.push(ms.bare);
  }
  return { sdk: perSecond(rounds.sdk), bare: perSecond(rounds.bare) };
}

export async function benchCeremony(): Promise<CeremonyFigures> {
  const signIns = {} as CeremonyFigures['signIn'];
  for (const algorithm of ALGORITHMS) signIns[algorithm] = await signIn(algorithm);
  const figures = {
    signIn: signIns,
    registration: { none: await registration('none'), packed: await registration('packed-self') },
  };
  const rows = ALGORITHMS.map((a) => {
    const f = figures.signIn[a];
    return {
      'sign-in': a,
      'SDK ops/s': Math.round(f.sdk),
      'SDK on WebCrypto ops/s': Math.round(f.web),
      'bare ops/s': Math.round(f.bare),
      'crypto.verify ops/s': Math.round(f.raw),
      'SDK / bare': (f.sdk / f.bare).toFixed(2),
      'raw / SDK': (f.raw / f.sdk).toFixed(2),
    };
  });
  console.table(rows);
  console.table(
    (['none', 'packed'] as const).map((fmt) => ({
      registration: fmt,
      'SDK ops/s': Math.round(figures.registration[fmt].sdk),
      'bare ops/s': Math.round(figures.registration[fmt].bare),
      'SDK cost / bare cost': (figures.registration[fmt].bare / figures.registration[fmt].sdk).toFixed(2),
    })),
  );
  console.log(
    `(${N} per round, interleaved; median latency, median of ${ROUNDS} rounds after a warm-up; SDK = node entry on memory stores)`,
  );
  return figures;
}
