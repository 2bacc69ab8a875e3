import { createHash } from 'node:crypto';
import { canonicalJson } from '@acme/passkey-core';
import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from './helpers';

const details = { orderId: 'ord-42', amount: '1250.00', asset: 'USDT' };
const release = { action: 'p2p.release', details };

async function stepUp(
  s: ReturnType<typeof setup>,
  auth: ReturnType<typeof authenticator>,
  userId = alice.id,
  what = release,
) {
  const { ceremonyId, options } = await s.server.startStepUp({ userId, ...what });
  const response = await auth.get(options, { origin: ORIGIN });
  return {
    ceremonyId,
    options,
    response,
    finish: () => s.server.finishStepUp({ ceremonyId, userId, response }),
  };
}

async function ready(overrides: Parameters<typeof setup>[0] = {}) {
  const s = setup(overrides);
  const auth = authenticator();
  const passkey = await register(s, auth);
  return { s, auth, passkey };
}

describe('startStepUp', () => {
  it('binds the challenge to the canonical action and details', async () => {
    const { s, auth } = await ready();
    const { options } = await stepUp(s, auth);
    const challenge = Buffer.from(options.challenge, 'base64url');
    expect(challenge).toHaveLength(48);
    const reordered = {
      action: 'p2p.release',
      details: { asset: 'USDT', amount: '1250.00', orderId: 'ord-42' },
    };
    const digest = createHash('sha256').update(canonicalJson(reordered)).digest();
    expect(challenge.subarray(16).equals(digest)).toBe(true);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([auth.credentials[0]?.id]);
  });

  it('needs a passkey of the user’s own', async () => {
    const { s } = await ready();
    await rejectsWith(s.server.startStepUp({ userId: bob.id, ...release }), 'CREDENTIAL_NOT_FOUND');
  });

  it.each([
    { action: '', details },
    { action: 'p2p release', details },
    { action: 'x'.repeat(65), details },
    { action: 'p2p.release', details: null },
    { action: 'p2p.release', details: ['a'] },
    { action: 'p2p.release', details: { amount: Number.NaN } },
    { action: 'p2p.release', details: { blob: 'x'.repeat(5000) } },
  ])('refuses malformed %o', async (what) => {
    const { s } = await ready();
    await rejectsWith(
      s.server.startStepUp({ userId: alice.id, ...(what as typeof release) }),
      'INVALID_REQUEST',
    );
  });
});

describe('finishStepUp and verifyReceipt', () => {
  it('issues an ES256 receipt with the documented claims, verifiable with the published key', async () => {
    const { s, auth, passkey } = await ready();
    const { receipt } = await (await stepUp(s, auth)).finish();
    const { keys } = await s.server.receiptJwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toHaveProperty('d');
    expect(decodeProtectedHeader(receipt)).toMatchObject({ alg: 'ES256', kid: keys[0]?.kid });
    const { payload } = await jwtVerify(receipt, await importJWK(keys[0]!, 'ES256'), {
      currentDate: s.clock.now,
    });
    const dh = createHash('sha256').update(canonicalJson(release)).digest('base64url');
    const iat = s.clock.now.getTime() / 1000;
    expect(payload).toEqual({
      iss: 'example.com',
      sub: alice.id,
      iat,
      exp: iat + 120,
      jti: expect.any(String),
      act: 'p2p.release',
      dh,
      pk: passkey.id,
    });
    expect(s.events.at(-1)).toMatchObject({
      type: 'step_up.verified',
      userId: alice.id,
      passkeyId: passkey.id,
    });
    await expect(s.server.verifyReceipt(receipt, { userId: alice.id, ...release })).resolves.toEqual({
      passkeyId: passkey.id,
      verifiedAt: s.clock.now,
    });
  });

  it('is single use, also under concurrency', async () => {
    const { s, auth } = await ready();
    const { receipt } = await (await stepUp(s, auth)).finish();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => s.server.verifyReceipt(receipt, { userId: alice.id, ...release })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'RECEIPT_REPLAYED' });
  });

  it('refuses another user, action or amount, and consumes nothing then', async () => {
    const { s, auth } = await ready();
    const { receipt } = await (await stepUp(s, auth)).finish();
    const wrong = [
      { userId: bob.id, ...release },
      { userId: alice.id, action: 'withdraw', details },
      { userId: alice.id, action: 'p2p.release', details: { ...details, amount: '1250.01' } },
      { userId: alice.id, action: 'p2p.release', details: { ...details, orderId: 'ord-43' } },
      { userId: alice.id, action: 'p2p.release', details: { ...details, extra: true } },
    ];
    for (const expected of wrong)
      await rejectsWith(s.server.verifyReceipt(receipt, expected), 'RECEIPT_INVALID');
    await expect(
      s.server.verifyReceipt(receipt, {
        userId: alice.id,
        action: 'p2p.release',
        details: { asset: 'USDT', orderId: 'ord-42', amount: '1250.00' },
      }),
    ).resolves.toBeDefined();
  });

  it('refuses an expired, tampered or foreign receipt', async () => {
    const { s, auth } = await ready();
    const { receipt } = await (await stepUp(s, auth)).finish();
    const [h, p, sig] = receipt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: bob.id })).toString('base64url')}.${sig}`;
    await rejectsWith(s.server.verifyReceipt(forged, { userId: bob.id, ...release }), 'RECEIPT_INVALID');
    await rejectsWith(
      s.server.verifyReceipt('not.a.jws', { userId: alice.id, ...release }),
      'RECEIPT_INVALID',
    );
    const other = await ready();
    const foreign = (await (await stepUp(other.s, other.auth)).finish()).receipt;
    await rejectsWith(s.server.verifyReceipt(foreign, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
    s.advance(121);
    await rejectsWith(s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
    for (const junk of [undefined, 42, '', 'x'.repeat(5000)]) {
      await rejectsWith(
        s.server.verifyReceipt(junk as string, { userId: alice.id, ...release }),
        'INVALID_REQUEST',
      );
    }
  });

  it('refuses a passkey the step-up’s user does not own, and another user’s ceremony', async () => {
    const { s, auth } = await ready();
    const bobs = authenticator();
    await register(s, bobs, bob);
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const bobsAnswer = await bobs.get({ ...options, allowCredentials: [] }, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId, userId: alice.id, response: bobsAnswer }),
      'CREDENTIAL_NOT_FOUND',
    );
    const attempt = await stepUp(s, auth);
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId: attempt.ceremonyId, userId: bob.id, response: attempt.response }),
      'CEREMONY_NOT_FOUND',
    );
  });

  it('refuses a sign-in ceremony used as a step-up: its challenge binds no action', async () => {
    const { s, auth } = await ready();
    const { ceremonyId, options } = await s.server.startAuthentication();
    const response = await auth.get(options, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId, userId: alice.id, response }),
      'CEREMONY_NOT_FOUND',
    );
  });

  it('requires user verification', async () => {
    const { s, auth } = await ready();
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN, flags: { uv: false } });
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId, userId: alice.id, response }),
      'USER_VERIFICATION_REQUIRED',
    );
  });

  it('shares receipts between instances that share a key and the challenge store', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const privateKey = await exportJWK(pair.privateKey);
    const { s, auth } = await ready({
      receipts: { privateKey, issuer: 'https://pay.example.com', ttlSeconds: 60 },
    });
    const twin = setup({
      receipts: { privateKey, issuer: 'https://pay.example.com' },
      store: s.store,
      challenges: s.challenges,
      now: () => s.clock.now,
    });
    const { receipt } = await (await stepUp(s, auth)).finish();
    expect(JSON.parse(Buffer.from(receipt.split('.')[1]!, 'base64url').toString())).toMatchObject({
      iss: 'https://pay.example.com',
    });
    await expect(twin.server.verifyReceipt(receipt, { userId: alice.id, ...release })).resolves.toBeDefined();
    await rejectsWith(s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_REPLAYED');
    expect((await twin.server.receiptJwks()).keys).toEqual((await s.server.receiptJwks()).keys);
  });

  it('warns once when it has to generate its own key', async () => {
    const warnings: string[] = [];
    const { s, auth } = await ready({
      secret: 'a-shared-secret-of-32-characters',
      logger: { warn: (m) => warnings.push(m), error: () => {} },
    });
    await (await stepUp(s, auth)).finish();
    await (await stepUp(s, auth)).finish();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('receipts.privateKey');
  });
});
