/**
 * A ChallengeStore is a trust boundary (a shared Redis or database may hold anything): a ceremony
 * record is accepted only in the shape its kind's start writes. Anything else is
 * CEREMONY_NOT_FOUND, the same answer as unknown or expired, and is logged, since no server of this
 * SDK wrote it.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup, setupOnOneClock } from './helpers';

const CHALLENGE = 'Y2hhbGxlbmdlLW9mLXRoZS1yZWNvcmQ';
const id = () => randomBytes(18).toString('base64url');

/** A server with alice's passkey, a recorder for its logged errors, and an assertion for `record`. */
async function world() {
  const errors: unknown[][] = [];
  const s = setup({ logger: { warn() {}, error: (...args: unknown[]) => errors.push(args) } });
  const auth = authenticator();
  const passkey = await register(s, auth);
  const response = await auth.get({ challenge: CHALLENGE, rpId: 'example.com' }, { origin: ORIGIN });
  const finishWith = async (record: Record<string, unknown>) => {
    const ceremonyId = id();
    const expiresAt = s.clock.now.getTime() + 60_000;
    await s.challenges.put(ceremonyId, { challenge: CHALLENGE, expiresAt, ...record }, { ttlMs: 60_000 });
    return s.server.finishAuthentication({ ceremonyId, response });
  };
  return { s, errors, passkey, finishWith };
}

describe('ceremony records from the challenge store', () => {
  it('accepts the record a sign-in start writes', async () => {
    const { finishWith, passkey } = await world();
    const result = await finishWith({ kind: 'authentication', userId: null, allow: null });
    expect(result.passkey.id).toBe(passkey.id);
  });

  it('refuses records of no valid shape as CEREMONY_NOT_FOUND, and logs each', async () => {
    const { finishWith, passkey, errors } = await world();
    const malformed: Array<Record<string, unknown>> = [
      // An allow list written as one string: a substring test would have let any contained ID through.
      { kind: 'authentication', userId: null, allow: `x${passkey.id}x` },
      { kind: 'authentication', userId: 7, allow: null },
      { kind: 'authentication', allow: null }, // no userId at all
      { kind: 'authentication', userId: null, allow: [passkey.id, 42] },
      { kind: 'authentication', userId: null, allow: null, fake: 'yes' },
      { kind: 'authentication', userId: null, allow: null, challenge: 42 },
      { kind: 'authentication', userId: null, allow: null, expiresAt: 'tomorrow' },
      { kind: 'login', userId: null, allow: null },
      { kind: 'registration', userId: alice.id }, // a registration without its user handle
      // The user's choice, which names the passkey: only a choice the protocol has.
      { kind: 'registration', userId: alice.id, userHandle: 'aGFuZGxl', authenticator: 'phone' },
      { kind: 'registration', userId: alice.id, userHandle: 'aGFuZGxl', authenticator: 1 },
    ];
    for (const record of malformed) await rejectsWith(finishWith(record), 'CEREMONY_NOT_FOUND');
    expect(errors).toHaveLength(malformed.length);
    for (const [message] of errors) expect(String(message)).toMatch(/ceremony record/);
  });

  it('refuses a well-formed record of another kind as CEREMONY_NOT_FOUND without logging it', async () => {
    const { finishWith, errors } = await world();
    const step = { kind: 'step-up', userId: alice.id, allow: [], action: 'p2p.release', dh: 'ZGg' };
    await rejectsWith(finishWith(step), 'CEREMONY_NOT_FOUND');
    const reg = { kind: 'registration', userId: alice.id, userHandle: 'aGFuZGxl', conditional: false };
    await rejectsWith(finishWith(reg), 'CEREMONY_NOT_FOUND');
    await rejectsWith(finishWith({ ...reg, authenticator: 'other-device' }), 'CEREMONY_NOT_FOUND');
    expect(errors).toEqual([]);
  });
});

describe('a ceremony record’s life in the store', () => {
  it('is kept by the store for the ceremony’s lifetime, and dropped once it has passed', async () => {
    const s = setupOnOneClock({ policy: { challengeTtlSeconds: 300 } });
    const { challenges } = s;
    const [kept, dropped] = [await s.server.startAuthentication(), await s.server.startAuthentication()];
    // The memory store drops expired records when something is written.
    s.advance(299);
    await s.server.startAuthentication();
    expect(await challenges.take(kept.ceremonyId)).toMatchObject({ kind: 'authentication' });
    s.advance(2);
    await s.server.startAuthentication();
    expect(await challenges.take(dropped.ceremonyId)).toBeNull();
  });
});
