/**
 * Step-up's action digest at its bounds: details nested up to 32 deep (objects and lists), up to
 * 4096 characters of canonical JSON, and values that are not plain JSON; and the per-action rules'
 * answer when no passkey may sign.
 */
import type { Passkey } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { actionDigest } from '../src/step-up/action-digest';
import { disqualification, ineligible } from '../src/step-up/action-rules';
import {
  alice,
  authenticator,
  BOB_HANDLE,
  bob,
  ORIGIN,
  register,
  rejectsWith,
  setup,
  storeAgain,
} from './helpers';
import { throwsCode } from './webauthn/helpers';

/** `details` whose innermost value is `depth` containers below the details object. */
const nested = (depth: number, wrap: (inner: unknown) => unknown) => {
  let value: unknown = 1;
  for (let i = 0; i < depth - 1; i++) value = wrap(value);
  return { a: value };
};

describe('actionDigest at its bounds', () => {
  it('takes details nested 32 deep and refuses 33, in objects and in lists', async () => {
    for (const wrap of [(v: unknown) => ({ a: v }), (v: unknown) => [v]]) {
      await expect(actionDigest({ action: 'pay', details: nested(32, wrap) })).resolves.toHaveLength(32);
      await throwsCode(() => actionDigest({ action: 'pay', details: nested(33, wrap) }), 'INVALID_REQUEST');
      await throwsCode(() => actionDigest({ action: 'pay', details: nested(40, wrap) }), 'INVALID_REQUEST');
    }
  });

  it('takes canonical JSON of exactly 4096 characters, and refuses one more', async () => {
    const overhead = JSON.stringify({ action: 'pay', details: { s: '' } }).length;
    const details = (length: number) => ({ s: 'x'.repeat(length - overhead) });
    await expect(actionDigest({ action: 'pay', details: details(4096) })).resolves.toHaveLength(32);
    await throwsCode(() => actionDigest({ action: 'pay', details: details(4097) }), 'INVALID_REQUEST');
  });

  it('refuses details that are not plain JSON', async () => {
    for (const details of [{ a: 1n }, { a: () => 1 }, { a: Symbol('x') }]) {
      await throwsCode(() => actionDigest({ action: 'pay', details }), 'INVALID_REQUEST');
    }
  });
});

describe('per-action rules, judged passkey by passkey', () => {
  const passkey = (deviceType: 'singleDevice' | 'multiDevice', createdAt: Date) =>
    ({ deviceType, createdAt }) as unknown as Passkey;
  const now = new Date('2026-06-01T12:00:00Z');

  it('never lets a synced passkey sign a device-bound action, and lets a device-bound one', () => {
    expect(disqualification(passkey('multiDevice', now), { deviceBound: true }, now)).toEqual({
      notAllowed: true,
    });
    expect(disqualification(passkey('singleDevice', now), { deviceBound: true }, now)).toBeNull();
    expect(disqualification(passkey('multiDevice', now), {}, now)).toBeNull();
  });

  it('answers with the earliest hold when any passkey is on hold, whatever the order', () => {
    const early = new Date('2026-06-02T00:00:00Z');
    const late = new Date('2026-06-03T00:00:00Z');
    for (const judged of [
      [{ hold: late }, null, { hold: early }, { notAllowed: true as const }],
      [{ hold: early }, { hold: late }],
    ]) {
      const error = ineligible(judged, 'p2p.release');
      expect(error).toMatchObject({
        code: 'PASSKEY_ON_HOLD',
        details: { action: 'p2p.release', availableAt: early.toISOString() },
      });
    }
  });

  it('answers AUTHENTICATOR_NOT_ALLOWED, naming the action and the rule, when none is on hold', () => {
    const error = ineligible([{ notAllowed: true }, null], 'p2p.release');
    expect(error).toMatchObject({ code: 'AUTHENTICATOR_NOT_ALLOWED' });
    expect(error.details).toEqual({ action: 'p2p.release', deviceBound: true });
  });
});

describe('a receipt through the server, up to its expiry', () => {
  const release = { action: 'p2p.release', details: { orderId: 'o-9', amount: '10.00', asset: 'BTC' } };

  it('verifies once at any time before it expires: its single-use record lives as long as it', async () => {
    for (const wait of [0, 60, 119]) {
      const s = setup();
      const auth = authenticator();
      await register(s, auth);
      const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
      expect(options.hints ?? []).toEqual([]);
      const response = await auth.get(options, { origin: ORIGIN });
      const { receipt } = await s.server.finishStepUp({ ceremonyId, userId: alice.id, response });
      s.advance(wait);
      await expect(
        s.server.verifyReceipt(receipt, { userId: alice.id, ...release }),
        `after ${wait} s`,
      ).resolves.toMatchObject({ passkeyId: auth.credentials[0]?.id });
      await rejectsWith(
        s.server.verifyReceipt(receipt, { userId: alice.id, ...release }),
        'RECEIPT_REPLAYED',
      );
    }
  });
});

describe('finishStepUp with a malformed ceremony ID', () => {
  it('is INVALID_REQUEST, reported as a failed ceremony of that user', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const { options } = await s.server.startStepUp({
      userId: alice.id,
      action: 'p2p.release',
      details: { orderId: 'o-2' },
    });
    const response = await auth.get(options, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishStepUp({ ceremonyId: 'not a ceremony id', userId: alice.id, response }),
      'INVALID_REQUEST',
    );
    expect(s.events.filter((e) => e.type === 'ceremony.failed')).toEqual([
      expect.objectContaining({ userId: alice.id, code: 'INVALID_REQUEST' }),
    ]);
  });
});

describe('finishStepUp and verifyReceipt at the edges of their input', () => {
  const release = { action: 'p2p.release', details: { orderId: 'o-3' } };

  async function receiptFor(s: ReturnType<typeof setup>, auth: ReturnType<typeof authenticator>) {
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN });
    return (await s.server.finishStepUp({ ceremonyId, userId: alice.id, response })).receipt;
  }

  it('reports a refused finish for no one when there is no input or its userId is not text', async () => {
    const s = setup();
    await rejectsWith(s.server.finishStepUp(undefined as never), 'INVALID_REQUEST');
    await rejectsWith(s.server.finishStepUp({ ceremonyId: 'x', userId: 42 } as never), 'INVALID_REQUEST');
    const failed = s.events.filter((e) => e.type === 'ceremony.failed');
    expect(failed).toHaveLength(2);
    for (const event of failed) expect(event).not.toHaveProperty('userId');
  });

  it('takes a receipt of up to 4096 characters to its signature check, and refuses longer or empty ones unread', async () => {
    const s = setup();
    const expected = { userId: alice.id, ...release };
    await rejectsWith(s.server.verifyReceipt('a'.repeat(4096), expected), 'RECEIPT_INVALID');
    await rejectsWith(s.server.verifyReceipt('a'.repeat(4097), expected), 'INVALID_REQUEST');
    await rejectsWith(s.server.verifyReceipt('', expected), 'INVALID_REQUEST');
  });

  it('refuses a receipt whose passkey now belongs to someone else, consuming nothing', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const receipt = await receiptFor(s, auth);
    const alices = await storeAgain(s.store, passkey.id, { userId: bob.id, userHandle: BOB_HANDLE });
    await rejectsWith(s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_INVALID');
    // Back on alice's account, the receipt was not spent by the refusal.
    await storeAgain(s.store, passkey.id, alices);
    await expect(s.server.verifyReceipt(receipt, { userId: alice.id, ...release })).resolves.toBeDefined();
  });

  it('is a replay when the record under the receipt’s ID is not a receipt’s', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const receipt = await receiptFor(s, auth);
    const { jti } = JSON.parse(Buffer.from(receipt.split('.')[1] as string, 'base64url').toString());
    const key = `receipt:${jti}`;
    const record = (await s.challenges.take(key)) ?? expect.unreachable('recorded');
    await s.challenges.put(key, { ...record, kind: 'authentication', challenge: 'AAAA' } as never, {
      ttlMs: 60_000,
    });
    await rejectsWith(s.server.verifyReceipt(receipt, { userId: alice.id, ...release }), 'RECEIPT_REPLAYED');
  });
});
