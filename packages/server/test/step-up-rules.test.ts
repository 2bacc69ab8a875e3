import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

const release = { action: 'p2p.release', details: { orderId: 'o-1', amount: '10.00', asset: 'USDT' } };
const HOLD = 86_400;

/** A server with a security hold (and optionally device-bound passkeys) on P2P releases. */
function held(deviceBound = false) {
  return setup({ policy: { actions: { 'p2p.release': { minPasskeyAgeSeconds: HOLD, deviceBound } } } });
}

async function stepUp(s: ReturnType<typeof setup>, auth: ReturnType<typeof authenticator>) {
  const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
  const response = await auth.get(options, { origin: ORIGIN });
  return { options, finish: () => s.server.finishStepUp({ ceremonyId, userId: alice.id, response }) };
}

describe('per-action rules on the passkey that signs a step-up', () => {
  it('holds a new passkey: PASSKEY_ON_HOLD with the time it becomes usable, then lets it sign', async () => {
    const s = held();
    const auth = authenticator();
    const view = await register(s, auth);
    const availableAt = new Date(view.createdAt.getTime() + HOLD * 1000).toISOString();
    await expect(s.server.startStepUp({ userId: alice.id, ...release })).rejects.toMatchObject({
      code: 'PASSKEY_ON_HOLD',
      status: 403,
      details: { availableAt },
    });
    s.advance(HOLD - 1);
    await rejectsWith(s.server.startStepUp({ userId: alice.id, ...release }), 'PASSKEY_ON_HOLD');
    s.advance(1);
    await expect((await stepUp(s, auth)).finish()).resolves.toHaveProperty('receipt');
  });

  it('holds only the action it names: other step-ups (e.g. account.verify) are not held', async () => {
    const s = held();
    const auth = authenticator();
    await register(s, auth);
    const { ceremonyId, options } = await s.server.startStepUp({
      userId: alice.id,
      action: 'account.verify',
      details: {},
    });
    const response = await auth.get(options, { origin: ORIGIN });
    await expect(s.server.finishStepUp({ ceremonyId, userId: alice.id, response })).resolves.toHaveProperty(
      'receipt',
    );
  });

  it('offers only the passkeys that qualify: an old passkey signs while a new one (a thief’s) is held', async () => {
    const s = held();
    const owners = authenticator();
    const old = await register(s, owners);
    s.advance(HOLD + 1);
    const thiefs = authenticator();
    await register(s, thiefs);
    const { options, finish } = await stepUp(s, owners);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([old.id]);
    await expect(finish()).resolves.toHaveProperty('receipt');
    // The thief's authenticator holds no offered credential: the browser would find none.
    await expect(thiefs.get(options, { origin: ORIGIN })).rejects.toMatchObject({ code: 'NotAllowedError' });
  });

  it('refuses a held passkey that answers anyway, naming itself: it was not offered', async () => {
    const s = held();
    const owners = authenticator();
    await register(s, owners);
    s.advance(HOLD + 1);
    const thiefs = authenticator();
    const fresh = await register(s, thiefs);
    const { ceremonyId, options } = await s.server.startStepUp({ userId: alice.id, ...release });
    // The thief signs the challenge with the held passkey, naming it in allowCredentials himself.
    const forged = await thiefs.get(
      { ...options, allowCredentials: [{ id: fresh.id, type: 'public-key' }] },
      { origin: ORIGIN },
    );
    await expect(
      s.server.finishStepUp({ ceremonyId, userId: alice.id, response: forged }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(PASSKEY_ON_HOLD|CREDENTIAL_NOT_FOUND)$/),
    });
    expect(s.events.some((e) => e.type === 'step_up.verified')).toBe(false);
  });

  it('refuses a finish when the policy changed between start and finish', async () => {
    const open = setup();
    const auth = authenticator();
    await register(open, auth);
    const { ceremonyId, options } = await open.server.startStepUp({ userId: alice.id, ...release });
    const response = await auth.get(options, { origin: ORIGIN });
    // Same stores and clock, now with a hold: the ceremony started before it cannot slip through.
    const strict = setup({
      store: open.store,
      challenges: open.challenges,
      now: () => open.clock.now,
      policy: { actions: { 'p2p.release': { minPasskeyAgeSeconds: HOLD } } },
    });
    await rejectsWith(
      strict.server.finishStepUp({ ceremonyId, userId: alice.id, response }),
      'PASSKEY_ON_HOLD',
    );
  });

  it('deviceBound: a synced passkey may never sign (AUTHENTICATOR_NOT_ALLOWED); a device-bound one may', async () => {
    const s = setup({ policy: { actions: { 'p2p.release': { deviceBound: true } } } });
    await register(s, authenticator({ flags: { be: true, bs: true } }));
    await expect(s.server.startStepUp({ userId: alice.id, ...release })).rejects.toMatchObject({
      code: 'AUTHENTICATOR_NOT_ALLOWED',
      status: 403,
    });
    const key = authenticator({ attachment: 'cross-platform', flags: { be: false, bs: false } });
    const bound = await register(s, key);
    const { options, finish } = await stepUp(s, key);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([bound.id]);
    await expect(finish()).resolves.toHaveProperty('receipt');
  });

  it('a synced passkey on hold is not allowed at all under deviceBound: the answer is not a hold', async () => {
    const s = held(true);
    await register(s, authenticator({ flags: { be: true, bs: false } }));
    await rejectsWith(s.server.startStepUp({ userId: alice.id, ...release }), 'AUTHENTICATOR_NOT_ALLOWED');
  });
});
