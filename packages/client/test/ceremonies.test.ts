import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import {
  assertion,
  creationOptions,
  fakeBrowser,
  passkeyJSON,
  recordingFetch,
  requestOptions,
  untilAborted,
} from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

const created = [201, { passkey: passkeyJSON() }] as [number, unknown];
const registerRoutes = {
  'POST /passkeys/register/options': [200, { ceremonyId: 'c1', options: creationOptions }] as [
    number,
    unknown,
  ],
  'POST /passkeys/register/verify': created,
};

describe('register', () => {
  it('runs options → create() → verify and returns the created passkey', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch(registerRoutes);
    const result = await createPasskeyClient({ fetch }).register({
      authenticator: 'this-device',
      name: 'Mac',
    });
    expect(result).toMatchObject({ status: 'created', passkey: { id: 'Y3JlZC0x', name: 'iCloud Keychain' } });
    if (result.status === 'created')
      expect(result.passkey.createdAt).toEqual(new Date('2025-01-02T03:04:05Z'));
    expect(sent[0]?.body).toEqual({ authenticator: 'this-device' });
    expect(sent[1]?.body).toMatchObject({
      ceremonyId: 'c1',
      name: 'Mac',
      response: { id: 'Y3JlZC0x', type: 'public-key', response: { transports: ['internal'] } },
    });
    expect(browser.calls.create).toHaveLength(1);
    expect((browser.calls.create[0] as { mediation?: string }).mediation).toBeUndefined();
  });

  it('carries a server refusal at options or verify', async () => {
    fakeBrowser();
    const limit = [409, { error: { code: 'PASSKEY_LIMIT_REACHED', message: 'Ten' } }] as [number, unknown];
    const early = recordingFetch({ 'POST /passkeys/register/options': limit });
    expect(await createPasskeyClient({ fetch: early.fetch }).register()).toEqual({
      status: 'error',
      error: { code: 'PASSKEY_LIMIT_REACHED', message: 'Ten' },
    });
    const dup = [409, { error: { code: 'CREDENTIAL_ALREADY_REGISTERED', message: 'Dup' } }] as [
      number,
      unknown,
    ];
    const late = recordingFetch({ ...registerRoutes, 'POST /passkeys/register/verify': dup });
    expect(await createPasskeyClient({ fetch: late.fetch }).register()).toMatchObject({
      status: 'error',
      error: { code: 'CREDENTIAL_ALREADY_REGISTERED' },
    });
  });

  it('aborts by signal while the prompt is open, and does not start when already aborted', async () => {
    const browser = fakeBrowser();
    browser.create = untilAborted;
    const { fetch, sent } = recordingFetch(registerRoutes);
    const client = createPasskeyClient({ fetch });
    const controller = new AbortController();
    const pending = client.register({ signal: controller.signal });
    await vi.waitFor(() => expect(browser.calls.create).toHaveLength(1));
    controller.abort();
    expect(await pending).toEqual({ status: 'aborted' });
    expect(browser.calls.create[0]?.signal?.aborted).toBe(true);
    expect(await client.register({ signal: controller.signal })).toEqual({ status: 'aborted' });
    expect(sent).toHaveLength(1);
  });
});

describe('upgrade', () => {
  it('asks for a conditional create where the browser reports conditionalCreate', async () => {
    const browser = fakeBrowser({ capabilities: { conditionalCreate: true } });
    const { fetch, sent } = recordingFetch(registerRoutes);
    expect(await createPasskeyClient({ fetch }).upgrade()).toMatchObject({ status: 'created' });
    expect(sent[0]?.body).toEqual({ mediation: 'conditional' });
    expect((browser.calls.create[0] as { mediation?: string }).mediation).toBe('conditional');
  });

  it('returns quiet refusals as outcomes', async () => {
    for (const [name, status] of [
      ['NotAllowedError', 'cancelled'],
      ['InvalidStateError', 'already-registered'],
      ['ConstraintError', 'unsupported'],
    ]) {
      const browser = fakeBrowser({ capabilities: { conditionalCreate: true } });
      browser.create = async () => {
        throw new DOMException('declined', name);
      };
      const { fetch } = recordingFetch(registerRoutes);
      expect(await createPasskeyClient({ fetch }).upgrade()).toEqual({ status });
    }
  });

  it('does nothing where conditional create is not known to work (it would open a modal prompt)', async () => {
    for (const capabilities of [undefined, { conditionalCreate: false }, {}] as (
      | Record<string, boolean>
      | undefined
    )[]) {
      const browser = fakeBrowser({ capabilities });
      const { fetch, sent } = recordingFetch(registerRoutes);
      expect(await createPasskeyClient({ fetch }).upgrade()).toEqual({ status: 'unsupported' });
      expect(sent).toEqual([]);
      expect(browser.calls.create).toEqual([]);
    }
  });
});

const loginRoutes = (timeout = 60_000) => ({
  'POST /passkeys/login/options': (_: unknown, n: number) =>
    [200, { ceremonyId: `c${n}`, options: requestOptions(timeout) }] as [number, unknown],
  'POST /passkeys/login/verify': [200, { userId: 'u1', passkey: passkeyJSON() }] as [number, unknown],
});

describe('signIn', () => {
  it('runs a modal ceremony by default and forgets the last list', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch(loginRoutes());
    const result = await createPasskeyClient({ fetch }).signIn();
    expect(result).toMatchObject({ status: 'signed-in', userId: 'u1', passkey: { id: 'Y3JlZC0x' } });
    expect(sent[0]?.body).toEqual({ mediation: 'modal' });
    expect(sent[1]?.body).toMatchObject({ ceremonyId: 'c1', response: { id: 'Y3JlZC0x' } });
    expect(browser.calls.get[0]?.mediation).toBeUndefined();
  });

  it('offers passkeys in autofill with mediation conditional and an empty allow list', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch(loginRoutes());
    const result = await createPasskeyClient({ fetch }).signIn({ mediation: 'conditional' });
    expect(result.status).toBe('signed-in');
    expect(sent[0]?.body).toEqual({ mediation: 'conditional' });
    expect(browser.calls.get[0]?.mediation).toBe('conditional');
    expect(browser.calls.get[0]?.publicKey?.allowCredentials).toEqual([]);
  });

  it('refuses autofill without the input or without browser support, before any request', async () => {
    fakeBrowser({ input: false });
    const { fetch, sent } = recordingFetch(loginRoutes());
    const client = createPasskeyClient({ fetch });
    expect(await client.signIn({ mediation: 'conditional' })).toMatchObject({ status: 'misconfigured' });
    fakeBrowser({ autofill: false });
    expect(await client.signIn({ mediation: 'conditional' })).toEqual({ status: 'unsupported' });
    expect(sent).toEqual([]);
  });

  it('aborts an autofill ceremony by signal', async () => {
    const browser = fakeBrowser();
    browser.get = untilAborted;
    const { fetch } = recordingFetch(loginRoutes());
    const controller = new AbortController();
    const pending = createPasskeyClient({ fetch }).signIn({
      mediation: 'conditional',
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(browser.calls.get).toHaveLength(1));
    controller.abort();
    expect(await pending).toEqual({ status: 'aborted' });
    expect(browser.calls.get[0]?.signal?.aborted).toBe(true);
  });

  it('ends when the abort comes while the options are on their way, even through a fetch that ignores it', async () => {
    const browser = fakeBrowser();
    browser.get = untilAborted;
    const controller = new AbortController();
    const { fetch } = recordingFetch({
      ...loginRoutes(),
      // The app's fetch answers whatever the signal says.
      'POST /passkeys/login/options': async () => {
        controller.abort();
        return [200, { ceremonyId: 'c1', options: requestOptions() }];
      },
    });
    const result = await createPasskeyClient({ fetch }).signIn({
      mediation: 'conditional',
      signal: controller.signal,
    });
    expect(result).toEqual({ status: 'aborted' });
    expect(browser.calls.get).toEqual([]);
  });

  it('restarts with fresh options just before the challenge expires, until answered', async () => {
    const browser = fakeBrowser();
    let answered = 0;
    browser.get = (options) => (++answered < 3 ? untilAborted(options) : Promise.resolve(assertion()));
    const { fetch, sent } = recordingFetch(loginRoutes(100));
    const started = Date.now();
    const result = await createPasskeyClient({ fetch }).signIn({ mediation: 'conditional' });
    expect(result.status).toBe('signed-in');
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
    expect(sent.map((s) => s.url)).toEqual([
      '/passkeys/login/options',
      '/passkeys/login/options',
      '/passkeys/login/options',
      '/passkeys/login/verify',
    ]);
    expect(sent[3]?.body).toMatchObject({ ceremonyId: 'c3' });
    expect(browser.calls.get.map((g) => g.signal?.aborted)).toEqual([true, true, false]);
  });

  it('keeps restarting until aborted', async () => {
    const browser = fakeBrowser();
    browser.get = untilAborted;
    const { fetch, sent } = recordingFetch(loginRoutes(50));
    const signal = AbortSignal.timeout(250);
    expect(await createPasskeyClient({ fetch }).signIn({ mediation: 'conditional', signal })).toEqual({
      status: 'aborted',
    });
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(browser.calls.get.every((g) => g.signal?.aborted)).toBe(true);
  });

  it('leaves an autofill ceremony aborted when a modal sign-in replaces it', async () => {
    const browser = fakeBrowser();
    browser.get = (options) =>
      options.mediation === 'conditional' ? untilAborted(options) : Promise.resolve(assertion());
    const { fetch } = recordingFetch(loginRoutes());
    const client = createPasskeyClient({ fetch });
    const autofill = client.signIn({ mediation: 'conditional' });
    await vi.waitFor(() => expect(browser.calls.get).toHaveLength(1));
    expect((await client.signIn()).status).toBe('signed-in');
    expect(await autofill).toEqual({ status: 'aborted' });
  });

  it('sends the unknown-credential signal on CREDENTIAL_NOT_FOUND, then returns the error', async () => {
    const browser = fakeBrowser();
    const notFound = [404, { error: { code: 'CREDENTIAL_NOT_FOUND', message: 'Unknown' } }] as [
      number,
      unknown,
    ];
    const { fetch } = recordingFetch({ ...loginRoutes(), 'POST /passkeys/login/verify': notFound });
    expect(await createPasskeyClient({ fetch }).signIn()).toEqual({
      status: 'error',
      error: { code: 'CREDENTIAL_NOT_FOUND', message: 'Unknown' },
    });
    expect(browser.calls.signals).toEqual([
      { name: 'signalUnknownCredential', options: { rpId: 'localhost', credentialId: 'Y3JlZC0x' } },
    ]);
  });

  it('sends no signal for other errors, nor where the browser lacks the method', async () => {
    const failed = [422, { error: { code: 'VERIFICATION_FAILED', message: 'No' } }] as [number, unknown];
    const browser = fakeBrowser();
    const other = recordingFetch({ ...loginRoutes(), 'POST /passkeys/login/verify': failed });
    expect((await createPasskeyClient({ fetch: other.fetch }).signIn()).status).toBe('error');
    expect(browser.calls.signals).toEqual([]);
    const notFound = [404, { error: { code: 'CREDENTIAL_NOT_FOUND', message: 'Unknown' } }] as [
      number,
      unknown,
    ];
    fakeBrowser({ signals: false });
    const plain = recordingFetch({ ...loginRoutes(), 'POST /passkeys/login/verify': notFound });
    expect(await createPasskeyClient({ fetch: plain.fetch }).signIn()).toMatchObject({
      error: { code: 'CREDENTIAL_NOT_FOUND' },
    });
  });
});

describe('stepUp', () => {
  it('runs step-up options → get() → verify and returns the receipt', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'POST /passkeys/step-up/options': [200, { ceremonyId: 's1', options: requestOptions() }],
      'POST /passkeys/step-up/verify': [200, { receipt: 'eyJ.jws' }],
    });
    const details = { orderId: 'o1', amount: '0.015', asset: 'BTC' };
    const result = await createPasskeyClient({ fetch }).stepUp({ action: 'p2p.release', details });
    expect(result).toEqual({ status: 'verified', receipt: 'eyJ.jws' });
    expect(sent[0]?.body).toEqual({ action: 'p2p.release', details });
    expect(sent[1]?.body).toMatchObject({ ceremonyId: 's1', response: { id: 'Y3JlZC0x' } });
    expect(browser.calls.get[0]?.mediation).toBeUndefined();
  });

  it('carries STEP_UP options refusals and a missing receipt as errors', async () => {
    fakeBrowser();
    const { fetch } = recordingFetch({
      'POST /passkeys/step-up/options': [401, { error: { code: 'NOT_SIGNED_IN', message: 'Sign in' } }],
    });
    expect(await createPasskeyClient({ fetch }).stepUp({ action: 'a', details: {} })).toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    const empty = recordingFetch({
      'POST /passkeys/step-up/options': [200, { ceremonyId: 's1', options: requestOptions() }],
      'POST /passkeys/step-up/verify': [200, {}],
    });
    expect(
      await createPasskeyClient({ fetch: empty.fetch }).stepUp({ action: 'a', details: {} }),
    ).toMatchObject({
      error: { code: 'INVALID_RESPONSE' },
    });
  });
});
