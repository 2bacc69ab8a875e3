import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { ceremonyFailure } from '../src/outcomes';
import { creationOptions, fakeBrowser, passkeyJSON, recordingFetch, requestOptions } from './fakes';

/** Every name `create()`/`get()` may reject with (WebAuthn L3 §5.1.3, §5.1.4), and some they should not. */
const cases: [name: string, create: string, get: string][] = [
  ['NotAllowedError', 'cancelled', 'cancelled'],
  ['AbortError', 'aborted', 'aborted'],
  ['InvalidStateError', 'already-registered', 'error'],
  ['NotSupportedError', 'unsupported', 'unsupported'],
  ['ConstraintError', 'unsupported', 'unsupported'],
  ['SecurityError', 'misconfigured', 'misconfigured'],
  ['TypeError', 'misconfigured', 'misconfigured'],
  ['UnknownError', 'error', 'error'],
  ['NetworkError', 'error', 'error'],
  ['OperationError', 'error', 'error'],
  ['TimeoutError', 'error', 'error'],
  ['DataError', 'error', 'error'],
];

const raise = (name: string) =>
  name === 'TypeError' ? new TypeError('bad options') : new DOMException(`${name} happened`, name);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ceremonyFailure', () => {
  for (const [name, create, get] of cases) {
    it(`maps ${name} to ${create} at create and ${get} at get`, () => {
      expect(ceremonyFailure(raise(name), 'create').status).toBe(create);
      expect(ceremonyFailure(raise(name), 'get').status).toBe(get);
    });
  }

  it('gives the authenticator failures WEBAUTHN_ERROR with the name in the message', () => {
    const outcome = ceremonyFailure(raise('UnknownError'), 'create');
    expect(outcome).toEqual({
      status: 'error',
      error: { code: 'WEBAUTHN_ERROR', message: 'UnknownError: UnknownError happened' },
    });
  });

  it('keeps the reason of a misconfiguration for the developer', () => {
    expect(ceremonyFailure(raise('SecurityError'), 'get')).toEqual({
      status: 'misconfigured',
      message: 'SecurityError happened',
    });
  });

  for (const value of [null, undefined, 'boom', 42, {}, [], Symbol('x')]) {
    it(`never throws on a rejection with ${String(value)}`, () => {
      expect(ceremonyFailure(value, 'get').status).toBe('error');
    });
  }
});

describe('outcomes through SimpleWebAuthn and the client', () => {
  const server = () =>
    recordingFetch({
      'POST /passkeys/register/options': [200, { ceremonyId: 'c1', options: creationOptions }],
      'POST /passkeys/register/verify': [201, { passkey: passkeyJSON() }],
      'POST /passkeys/login/options': [200, { ceremonyId: 'c2', options: requestOptions() }],
      'POST /passkeys/login/verify': [200, { userId: 'u1', passkey: passkeyJSON() }],
      'POST /passkeys/step-up/options': [200, { ceremonyId: 'c3', options: requestOptions() }],
      'POST /passkeys/step-up/verify': [200, { receipt: 'jws' }],
    });

  for (const [name, create, get] of cases) {
    it(`register, signIn and stepUp turn a rejected ${name} into an outcome`, async () => {
      const browser = fakeBrowser();
      browser.create = async () => {
        throw raise(name);
      };
      browser.get = browser.create;
      const { fetch, sent } = server();
      const client = createPasskeyClient({ fetch });
      expect((await client.register()).status).toBe(create);
      expect((await client.signIn()).status).toBe(get);
      expect((await client.stepUp({ action: 'p2p.release', details: {} })).status).toBe(get);
      // No verify request follows a failed ceremony.
      expect(sent.map((s) => s.url)).toEqual([
        '/passkeys/register/options',
        '/passkeys/login/options',
        '/passkeys/step-up/options',
      ]);
    });
  }

  it('reports unsupported without WebAuthn, before asking the server for a ceremony', async () => {
    const { fetch, sent } = server();
    const client = createPasskeyClient({ fetch });
    expect(await client.register()).toEqual({ status: 'unsupported' });
    expect(await client.signIn()).toEqual({ status: 'unsupported' });
    expect(await client.signIn({ mediation: 'conditional' })).toEqual({ status: 'unsupported' });
    expect(await client.stepUp({ action: 'a', details: {} })).toEqual({ status: 'unsupported' });
    expect(await client.upgrade()).toEqual({ status: 'unsupported' });
    expect(sent).toEqual([]);
  });
});
