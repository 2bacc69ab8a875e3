import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { assertion, fakeBrowser, passkeyJSON, recordingFetch } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

type Reply = [number, unknown];
const listing = (ids: string[], userHandle: string | null = 'aGFuZGxl'): Reply => [
  200,
  { passkeys: ids.map((id) => passkeyJSON(id)), limit: 10, rpId: 'example.com', userHandle },
];
const accepted = (ids: string[], userId = 'aGFuZGxl') => ({
  name: 'signalAllAcceptedCredentials',
  options: { rpId: 'example.com', userId, allAcceptedCredentialIds: ids },
});

describe('accepted-credentials signal', () => {
  it('follows every list that knows the user handle', async () => {
    const browser = fakeBrowser();
    const { fetch } = recordingFetch({ 'GET /passkeys': listing(['a', 'b']) });
    await createPasskeyClient({ fetch }).list();
    expect(browser.calls.signals).toEqual([accepted(['a', 'b'])]);
  });

  it('is not sent before the first passkey (no user handle), nor after a failed list', async () => {
    const browser = fakeBrowser();
    const empty = recordingFetch({ 'GET /passkeys': listing([], null) });
    expect(await createPasskeyClient({ fetch: empty.fetch }).list()).toMatchObject({
      status: 'ok',
      passkeys: [],
    });
    const failed = recordingFetch({
      'GET /passkeys': [401, { error: { code: 'NOT_SIGNED_IN', message: 'x' } }],
    });
    expect(await createPasskeyClient({ fetch: failed.fetch }).list()).toMatchObject({ status: 'error' });
    expect(browser.calls.signals).toEqual([]);
  });

  it('swallows a signal that throws, and is skipped where the browser has none', async () => {
    fakeBrowser();
    const pkc = globalThis.PublicKeyCredential as unknown as Record<string, unknown>;
    pkc.signalAllAcceptedCredentials = async () => {
      throw new DOMException('no', 'SecurityError');
    };
    const { fetch } = recordingFetch({ 'GET /passkeys': listing(['a']) });
    expect(await createPasskeyClient({ fetch }).list()).toMatchObject({ status: 'ok' });
    fakeBrowser({ signals: false });
    expect(await createPasskeyClient({ fetch }).list()).toMatchObject({ status: 'ok' });
  });

  it('follows a removal, from a fresh list', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'GET /passkeys': (_, n) => (n === 1 ? listing(['a', 'b']) : listing(['b'])),
      'DELETE /passkeys/a': [200, { remaining: 1 }],
    });
    const client = createPasskeyClient({ fetch });
    expect(await client.remove('a', { confirm: true })).toEqual({ status: 'ok', remaining: 1 });
    // Nothing listed yet: the client lists first to learn the user handle.
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /passkeys',
      'DELETE /passkeys/a',
      'GET /passkeys',
    ]);
    expect(browser.calls.signals).toEqual([accepted(['a', 'b']), accepted(['b'])]);
  });

  it('tells the browser that none is accepted after the last passkey goes, with the handle known before', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'GET /passkeys': (_, n) => (n === 1 ? listing(['a']) : listing([], null)),
      'DELETE /passkeys/a': [200, { remaining: 0 }],
    });
    const client = createPasskeyClient({ fetch });
    await client.list();
    expect(await client.remove('a', { confirm: true })).toEqual({ status: 'ok', remaining: 0 });
    expect(sent).toHaveLength(3);
    expect(browser.calls.signals).toEqual([accepted(['a']), accepted([])]);
  });

  it('is not sent when the removal fails', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'GET /passkeys': listing(['a']),
      'DELETE /passkeys/a': [403, { error: { code: 'STEP_UP_REQUIRED', message: 'Verify first' } }],
    });
    const client = createPasskeyClient({ fetch });
    await client.list();
    expect(await client.remove('a', { confirm: true })).toMatchObject({
      error: { code: 'STEP_UP_REQUIRED' },
    });
    expect(sent).toHaveLength(2);
    expect(browser.calls.signals).toEqual([accepted(['a'])]);
  });
});

describe('signalCurrentUserDetails', () => {
  it('uses the rpId and user handle of the last list, listing first when there is none', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({ 'GET /passkeys': listing(['a']) });
    const client = createPasskeyClient({ fetch });
    expect(
      await client.signalCurrentUserDetails({ name: 'alice@new.example', displayName: 'Alice' }),
    ).toEqual({
      status: 'ok',
      sent: true,
    });
    expect(await client.signalCurrentUserDetails({ name: 'alice2', displayName: 'Alice B' })).toEqual({
      status: 'ok',
      sent: true,
    });
    expect(sent).toHaveLength(1);
    expect(browser.calls.signals.filter((s) => s.name === 'signalCurrentUserDetails')).toEqual([
      {
        name: 'signalCurrentUserDetails',
        options: { rpId: 'example.com', userId: 'aGFuZGxl', name: 'alice@new.example', displayName: 'Alice' },
      },
      {
        name: 'signalCurrentUserDetails',
        options: { rpId: 'example.com', userId: 'aGFuZGxl', name: 'alice2', displayName: 'Alice B' },
      },
    ]);
  });

  it('reports sent: false without a user handle or without the method, and the list error', async () => {
    fakeBrowser();
    const none = recordingFetch({ 'GET /passkeys': listing([], null) });
    expect(
      await createPasskeyClient({ fetch: none.fetch }).signalCurrentUserDetails({
        name: 'a',
        displayName: 'A',
      }),
    ).toEqual({ status: 'ok', sent: false });
    fakeBrowser({ signals: false });
    const some = recordingFetch({ 'GET /passkeys': listing(['a']) });
    expect(
      await createPasskeyClient({ fetch: some.fetch }).signalCurrentUserDetails({
        name: 'a',
        displayName: 'A',
      }),
    ).toEqual({ status: 'ok', sent: false });
    const failed = recordingFetch({
      'GET /passkeys': [401, { error: { code: 'NOT_SIGNED_IN', message: 'x' } }],
    });
    expect(
      await createPasskeyClient({ fetch: failed.fetch }).signalCurrentUserDetails({
        name: 'a',
        displayName: 'A',
      }),
    ).toMatchObject({ status: 'error', error: { code: 'NOT_SIGNED_IN' } });
  });

  it('lists again after a sign-in, which may be another account', async () => {
    fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'GET /passkeys': listing(['a']),
      'POST /passkeys/login/options': [
        200,
        { ceremonyId: 'c', options: { challenge: 'AA', rpId: 'example.com' } },
      ],
      'POST /passkeys/login/verify': [200, { userId: 'u2', passkey: passkeyJSON() }],
    });
    const client = createPasskeyClient({ fetch });
    await client.list();
    await client.signIn();
    await client.signalCurrentUserDetails({ name: 'b', displayName: 'B' });
    expect(sent.map((s) => s.url).filter((u) => u === '/passkeys')).toHaveLength(2);
  });
});

const loginWith = (verify: [number, unknown] = [200, { userId: 'u1', passkey: passkeyJSON() }]) =>
  recordingFetch({
    'GET /passkeys': listing(['a']),
    'DELETE /passkeys/a': [200, { remaining: 0 }],
    'POST /passkeys/login/options': [
      200,
      { ceremonyId: 'c', options: { challenge: 'AA', rpId: 'example.com' } },
    ],
    'POST /passkeys/login/verify': verify,
  });
const handle = Buffer.from('handle').toString('base64url');

describe('current-user-details signal after a sign-in', () => {
  it("sends the names the app gives for the signed-in user, under the passkey's user handle", async () => {
    const browser = fakeBrowser();
    const asked: string[] = [];
    const client = createPasskeyClient({
      fetch: loginWith().fetch,
      currentUser: async (userId) => {
        asked.push(userId);
        return { name: 'alice@example.com', displayName: 'Alice' };
      },
    });
    expect(await client.signIn()).toMatchObject({ status: 'signed-in', userId: 'u1' });
    expect(asked).toEqual(['u1']);
    expect(browser.calls.signals).toEqual([
      {
        name: 'signalCurrentUserDetails',
        options: { rpId: 'example.com', userId: handle, name: 'alice@example.com', displayName: 'Alice' },
      },
    ]);
  });

  it('sends none without currentUser, when it answers null or fails, or without a user handle', async () => {
    const hooks = [
      undefined,
      () => null,
      async () => undefined,
      () => {
        throw new Error('profile service down');
      },
      async () => Promise.reject(new Error('no')),
    ];
    for (const currentUser of hooks) {
      const browser = fakeBrowser();
      const client = createPasskeyClient({ fetch: loginWith().fetch, currentUser });
      expect((await client.signIn()).status).toBe('signed-in');
      expect(browser.calls.signals).toEqual([]);
    }
    const browser = fakeBrowser();
    const plain = assertion();
    browser.get = async () => ({ ...plain, response: { ...plain.response, userHandle: null } });
    let called = false;
    const client = createPasskeyClient({
      fetch: loginWith().fetch,
      currentUser: () => {
        called = true;
        return { name: 'a', displayName: 'A' };
      },
    });
    expect((await client.signIn()).status).toBe('signed-in');
    expect([called, browser.calls.signals]).toEqual([false, []]);
  });
});

describe('signals switched off', () => {
  const names = { name: 'a', displayName: 'A' };
  const notFound: [number, unknown] = [404, { error: { code: 'CREDENTIAL_NOT_FOUND', message: 'x' } }];

  it('sends each automatic signal unless its switch is off, and only that one stops', async () => {
    const run = async (signals: Record<string, boolean>) => {
      const browser = fakeBrowser();
      const ok = createPasskeyClient({ fetch: loginWith().fetch, signals, currentUser: () => names });
      await ok.signIn();
      await ok.list();
      await ok.remove('a', { confirm: true });
      await createPasskeyClient({ fetch: loginWith(notFound).fetch, signals }).signIn();
      return browser.calls.signals.map((s) => s.name);
    };
    // sign-in; list; the list after a removal; a sign-in with a passkey the server does not know.
    const all = [
      'signalCurrentUserDetails',
      'signalAllAcceptedCredentials',
      'signalAllAcceptedCredentials',
      'signalUnknownCredential',
    ];
    expect(await run({})).toEqual(all);
    expect(await run({ currentUserDetails: false })).toEqual(all.slice(1));
    expect(await run({ allAcceptedCredentials: false })).toEqual([all[0], all[3]]);
    expect(await run({ unknownCredential: false })).toEqual(all.slice(0, 3));
    expect(
      await run({ currentUserDetails: false, allAcceptedCredentials: false, unknownCredential: false }),
    ).toEqual([]);
  });

  it('still sends the names the app asks for with signalCurrentUserDetails()', async () => {
    const browser = fakeBrowser();
    const client = createPasskeyClient({ fetch: loginWith().fetch, signals: { currentUserDetails: false } });
    expect(await client.signalCurrentUserDetails(names)).toEqual({ status: 'ok', sent: true });
    expect(browser.calls.signals.map((s) => s.name)).toContain('signalCurrentUserDetails');
  });
});
