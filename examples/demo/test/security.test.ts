import { describe, expect, it } from 'vitest';
import {
  browserOf,
  makeAuthenticator,
  makeDemo,
  ORIGIN,
  PASSWORD,
  passkeySignIn,
  RELEASE_HOLD_SECONDS,
  registerPasskey,
  signUp,
  stepUp,
  type TestBrowser,
} from './helpers';

type Demo = ReturnType<typeof makeDemo>;
type Authenticator = ReturnType<typeof makeAuthenticator>;

/** The security verification with a passkey: a step-up for `account.verify` over `{}`. */
const verifyWithPasskey = (browser: TestBrowser, authenticator: Authenticator, details: object = {}) =>
  stepUp(browser, authenticator, 'account.verify', details);

/** An owner with a passkey, and a thief who has the password (and nothing else) in another browser. */
async function ownerAndThief(demo: Demo) {
  const owner = browserOf(demo);
  const { username } = await signUp(owner);
  const authenticator = makeAuthenticator();
  const created = await registerPasskey(owner, authenticator);
  expect(created.status).toBe(201);
  const thief = browserOf(demo);
  expect((await thief.post('/api/account/login', { username, password: PASSWORD })).status).toBe(200);
  return { owner, thief, authenticator, username, passkeyId: created.json.passkey.id as string };
}

/**
 * The thief's own passkey (registered on an account of their own) answering a step-up of the
 * owner's account: the server finds no such passkey of the owner's.
 */
async function stepUpWithForeignPasskey(demo: Demo, thief: TestBrowser) {
  const own = browserOf(demo);
  await signUp(own);
  const theirs = makeAuthenticator();
  await registerPasskey(own, theirs);
  const started = await thief.post('/api/passkeys/step-up/options', {
    action: 'account.verify',
    details: {},
  });
  // The browser would offer only the owner's passkeys; the thief's answers all the same.
  const response = await theirs.get({ ...started.json.options, allowCredentials: [] }, { origin: ORIGIN });
  return thief.post('/api/passkeys/step-up/verify', { ceremonyId: started.json.ceremonyId, response });
}

const remove = (browser: TestBrowser, id: string) =>
  browser.request('DELETE', `/api/passkeys/${encodeURIComponent(id)}`, { confirm: true });

describe('the security verification once a passkey exists', () => {
  it("refuses a password alone: it can neither add a passkey nor remove the owner's", async () => {
    const demo = makeDemo();
    const { thief, passkeyId } = await ownerAndThief(demo);
    // A fresh password verification, and still not enough.
    expect((await thief.post('/api/account/verify', { password: PASSWORD })).status).toBe(200);
    expect((await thief.get('/api/account/me')).json.accountVerification).toEqual({
      done: false,
      methods: ['passkey'],
    });
    const add = await registerPasskey(thief, makeAuthenticator());
    expect(add.status).toBe(403);
    expect(add.json.error).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      details: { methods: ['passkey'], maxAgeSeconds: 300 },
    });
    const removed = await remove(thief, passkeyId);
    expect(removed.status).toBe(403);
    expect(removed.json.error.code).toBe('STEP_UP_REQUIRED');
    // Nor can a release or a sign-in of its own make it one: only the owner's passkey would.
    const withTheirs = await stepUpWithForeignPasskey(demo, thief);
    expect(withTheirs.json.error.code).toBe('CREDENTIAL_NOT_FOUND');
    expect((await thief.get('/api/account/me')).json.accountVerification.done).toBe(false);
    expect((await thief.get('/api/passkeys')).json.passkeys).toHaveLength(1);
  });

  it('takes a passkey step-up for account.verify over {}, then allows adding and removing', async () => {
    const demo = makeDemo();
    const { owner, authenticator, passkeyId } = await ownerAndThief(demo);
    demo.clock.advance(301);
    expect((await owner.get('/api/account/me')).json.accountVerification.done).toBe(false);
    expect((await verifyWithPasskey(owner, authenticator)).status).toBe(200);
    expect((await owner.get('/api/account/me')).json).toMatchObject({
      verifiedWith: 'passkey',
      verifiedAt: demo.clock.now().toISOString(),
      accountVerification: { done: true, methods: ['passkey'] },
    });
    expect((await registerPasskey(owner, makeAuthenticator())).status).toBe(201);
    expect((await remove(owner, passkeyId)).status).toBe(200);
  });

  it('is marked only by account.verify with empty details, never by a release or other details', async () => {
    const demo = makeDemo({}, { DEMO_RELEASE_HOLD_SECONDS: '0' });
    const { owner, authenticator } = await ownerAndThief(demo);
    demo.clock.advance(301);
    const order = (await owner.post('/api/p2p/orders', { amount: '1', asset: 'BTC' })).json.order;
    const release = { orderId: order.id, amount: order.amount, asset: order.asset };
    for (const [action, details] of [
      ['p2p.release', release],
      ['account.verify', { reason: 'anything' }],
      ['account.verify.extra', {}],
    ] as const) {
      expect((await stepUp(owner, authenticator, action, details)).status, action).toBe(200);
      const me = (await owner.get('/api/account/me')).json;
      expect(me.verifiedWith, action).toBe('password');
      expect(me.accountVerification.done, action).toBe(false);
    }
  });
});

describe('a passkey that is removed', () => {
  it('ends the sessions it opened, voids the verifications it gave, and kills its receipts (a cloned passkey)', async () => {
    const demo = makeDemo({}, { DEMO_RELEASE_HOLD_SECONDS: '0' });
    const { owner, thief, authenticator, passkeyId } = await ownerAndThief(demo);
    // The thief holds a copy of the passkey: a session opened with it, a password session it
    // verified, and a receipt it signed for the owner's order.
    const { browser: cloneSession } = await passkeySignIn(demo, authenticator);
    expect((await verifyWithPasskey(thief, authenticator)).status).toBe(200);
    expect((await thief.get('/api/account/me')).json.accountVerification.done).toBe(true);
    const order = (await owner.post('/api/p2p/orders', { amount: '2.5', asset: 'ETH' })).json.order;
    const release = { orderId: order.id, amount: order.amount, asset: order.asset };
    const { receipt } = (await stepUp(cloneSession, authenticator, 'p2p.release', release)).json;

    // The owner verifies with the passkey and removes it.
    expect((await verifyWithPasskey(owner, authenticator)).status).toBe(200);
    expect((await remove(owner, passkeyId)).status).toBe(200);

    expect((await cloneSession.get('/api/account/me')).status).toBe(401);
    expect((await thief.get('/api/account/me')).json).toMatchObject({
      verifiedAt: null,
      accountVerification: { done: false },
    });
    const voided = await owner.post(`/api/p2p/orders/${order.id}/release`, { receipt });
    expect(voided.status).toBe(422);
    expect(voided.json.error.code).toBe('RECEIPT_INVALID');
    expect((await owner.get('/api/p2p/orders')).json.orders[0].status).toBe('open');
    // The owner's own session, opened with the password, goes on.
    expect((await owner.get('/api/account/me')).status).toBe(200);
  });
});

describe('the security hold on releases', () => {
  it(`refuses a release by a passkey younger than DEMO_RELEASE_HOLD_SECONDS (default ${RELEASE_HOLD_SECONDS}), saying when it may`, async () => {
    const demo = makeDemo();
    const browser = browserOf(demo);
    await signUp(browser);
    const authenticator = makeAuthenticator();
    const created = (await registerPasskey(browser, authenticator)).json.passkey;
    const order = (await browser.post('/api/p2p/orders', { amount: '0.1', asset: 'BTC' })).json.order;
    const details = { orderId: order.id, amount: order.amount, asset: order.asset };
    const availableAt = new Date(Date.parse(created.createdAt) + RELEASE_HOLD_SECONDS * 1000).toISOString();
    demo.clock.advance(RELEASE_HOLD_SECONDS - 1);
    const held = await browser.post('/api/passkeys/step-up/options', { action: 'p2p.release', details });
    expect(held.status).toBe(403);
    expect(held.json.error).toMatchObject({ code: 'PASSKEY_ON_HOLD', details: { availableAt } });
    expect((await browser.get('/api/config')).json.releaseHoldSeconds).toBe(RELEASE_HOLD_SECONDS);
    demo.clock.advance(1);
    const { receipt } = (await stepUp(browser, authenticator, 'p2p.release', details)).json;
    expect((await browser.post(`/api/p2p/orders/${order.id}/release`, { receipt })).status).toBe(200);
  });

  it('is off with DEMO_RELEASE_HOLD_SECONDS=0', async () => {
    const demo = makeDemo({}, { DEMO_RELEASE_HOLD_SECONDS: '0' });
    const browser = browserOf(demo);
    await signUp(browser);
    const authenticator = makeAuthenticator();
    await registerPasskey(browser, authenticator);
    const order = (await browser.post('/api/p2p/orders', { amount: '0.1', asset: 'BTC' })).json.order;
    const details = { orderId: order.id, amount: order.amount, asset: order.asset };
    expect((await stepUp(browser, authenticator, 'p2p.release', details)).status).toBe(200);
    expect((await browser.get('/api/config')).json.releaseHoldSeconds).toBe(0);
  });
});
