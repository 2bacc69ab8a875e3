import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { fakeBrowser, passkeyJSON, recordingFetch } from './fakes';

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

describe('signalUserDetails', () => {
  it('uses the rpId and user handle of the last list, listing first when there is none', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({ 'GET /passkeys': listing(['a']) });
    const client = createPasskeyClient({ fetch });
    expect(await client.signalUserDetails({ name: 'alice@new.example', displayName: 'Alice' })).toEqual({
      status: 'ok',
      sent: true,
    });
    expect(await client.signalUserDetails({ name: 'alice2', displayName: 'Alice B' })).toEqual({
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
      await createPasskeyClient({ fetch: none.fetch }).signalUserDetails({ name: 'a', displayName: 'A' }),
    ).toEqual({ status: 'ok', sent: false });
    fakeBrowser({ signals: false });
    const some = recordingFetch({ 'GET /passkeys': listing(['a']) });
    expect(
      await createPasskeyClient({ fetch: some.fetch }).signalUserDetails({ name: 'a', displayName: 'A' }),
    ).toEqual({ status: 'ok', sent: false });
    const failed = recordingFetch({
      'GET /passkeys': [401, { error: { code: 'NOT_SIGNED_IN', message: 'x' } }],
    });
    expect(
      await createPasskeyClient({ fetch: failed.fetch }).signalUserDetails({ name: 'a', displayName: 'A' }),
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
    await client.signalUserDetails({ name: 'b', displayName: 'B' });
    expect(sent.map((s) => s.url).filter((u) => u === '/passkeys')).toHaveLength(2);
  });
});
