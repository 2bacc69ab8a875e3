/**
 * One sign-in, three ways, on the same signatures: the SDK's full ceremony (start + finish,
 * with memory stores), bare @simplewebauthn/server verification, and a raw crypto.verify.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createPasskeyServer } from '@acme/passkey-server';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { fmt, type Stats, table, timeEach } from './measure';

const ORIGIN = 'https://example.com';
const N = Number(process.env.BENCH_CEREMONIES ?? 400);
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchCeremony(): Promise<Record<string, number>> {
  const server = createPasskeyServer({
    rp: { id: 'example.com', name: 'Bench' },
    origins: [ORIGIN],
    logger: { warn() {}, error() {} },
  });
  const auth = createSoftwareAuthenticator({ algorithm: 'ES256', attachment: 'platform' });
  const reg = await server.startRegistration({
    user: { id: 'u1', name: 'u1', displayName: 'U1' },
    lastVerifiedAt: new Date(),
  });
  await server.finishRegistration({
    ceremonyId: reg.ceremonyId,
    userId: 'u1',
    response: await auth.create(reg.options, { origin: ORIGIN }),
  });
  const credential = auth.credentials[0]!;
  const publicKey = credential.publicKey as Uint8Array<ArrayBuffer>;
  const cose = await import('@simplewebauthn/server/helpers');
  const key = cose.decodeCredentialPublicKey(publicKey) as unknown as Map<number, Uint8Array>;
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: Buffer.from(key.get(-2)!).toString('base64url'),
    y: Buffer.from(key.get(-3)!).toString('base64url'),
  };
  const keyObject = createPublicKey({ key: jwk, format: 'jwk' });

  const results: Record<string, number[]> = { sdk: [], simplewebauthn: [], 'crypto.verify': [] };
  for (let round = 0; round < ROUNDS; round++) {
    const starts: Array<Awaited<ReturnType<typeof server.startAuthentication>>> = [];
    const startStats = await timeEach(N, async () => starts.push(await server.startAuthentication()));
    const responses: Array<Awaited<ReturnType<typeof auth.get>>> = [];
    for (const s of starts) responses.push(await auth.get(s.options, { origin: ORIGIN }));
    const finishStats = await timeEach(N, (i) =>
      server.finishAuthentication({ ceremonyId: starts[i]!.ceremonyId, response: responses[i] }),
    );
    results.sdk!.push(startStats.meanMs + finishStats.meanMs);

    const bare: Stats = await timeEach(N, (i) =>
      verifyAuthenticationResponse({
        response: responses[i]!,
        expectedChallenge: starts[i]!.options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: 'example.com',
        credential: { id: credential.id, publicKey, counter: 0 },
      }),
    );
    results.simplewebauthn!.push(bare.meanMs);

    const raw = await timeEach(N, (i) => {
      const r = responses[i]!.response;
      const data = Buffer.concat([
        Buffer.from(r.authenticatorData, 'base64url'),
        createHash('sha256').update(Buffer.from(r.clientDataJSON, 'base64url')).digest(),
      ]);
      if (
        !verify('sha256', data, { key: keyObject, dsaEncoding: 'der' }, Buffer.from(r.signature, 'base64url'))
      )
        throw new Error('bad signature');
    });
    results['crypto.verify']!.push(raw.meanMs);
  }
  const ms = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  table(
    Object.entries(ms).map(([what, meanMs]) => ({
      'sign-in verification': what,
      'mean ms': fmt(meanMs),
      'ops/s': Math.round(1000 / meanMs),
      'vs crypto.verify': `${fmt(meanMs / ms['crypto.verify']!, 2)}×`,
    })),
  );
  console.log(
    `(${N} sign-ins × ${ROUNDS} rounds, median round; SDK = startAuthentication + finishAuthentication on memory stores)`,
  );
  return ms;
}
