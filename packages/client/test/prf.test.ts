import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { assertion, attestation, creationOptions, fakeBrowser, passkeyJSON, recordingFetch } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

const bytes = (...values: number[]) => new Uint8Array(values);
const hex = (buffer: unknown) => Buffer.from(buffer as ArrayBuffer).toString('hex');
/** A PRF output as a browser gives it: 32 bytes. */
const output = (fill: number) => new Uint8Array(32).fill(fill).buffer;

type Prf = {
  eval?: { first: unknown; second?: unknown };
  evalByCredential?: Record<string, { first: unknown }>;
};
const extensionsOf = (call?: { publicKey?: unknown }) =>
  (call?.publicKey as { extensions?: { prf?: Prf } } | undefined)?.extensions;
const prfAsked = (call?: { publicKey?: unknown }) => extensionsOf(call)?.prf;

const registerRoutes = () =>
  recordingFetch({
    'POST /passkeys/register/options': [
      200,
      { ceremonyId: 'c1', options: { ...creationOptions, extensions: { credProps: true } } },
    ],
    'POST /passkeys/register/verify': [201, { passkey: { ...passkeyJSON(), prf: true } }],
  });

const loginRoutes = (allowCredentials: { id: string; type: string }[] = []) =>
  recordingFetch({
    'POST /passkeys/login/options': [
      200,
      {
        ceremonyId: 'c2',
        options: { challenge: 'AA', rpId: 'localhost', userVerification: 'required', allowCredentials },
      },
    ],
    'POST /passkeys/login/verify': [200, { userId: 'u1', passkey: passkeyJSON() }],
    'POST /passkeys/step-up/options': [
      200,
      { ceremonyId: 'c3', options: { challenge: 'AA', allowCredentials } },
    ],
    'POST /passkeys/step-up/verify': [200, { receipt: 'jws' }],
  });

describe('PRF at registration', () => {
  it('asks whether the passkey supports PRF by default, beside the server’s extensions, and sends prf.enabled', async () => {
    const browser = fakeBrowser();
    browser.create = async () => ({
      ...attestation(),
      getClientExtensionResults: () => ({ prf: { enabled: true } }),
    });
    const { fetch, sent } = registerRoutes();
    const result = await createPasskeyClient({ fetch }).register();
    expect(result).toMatchObject({ status: 'created', passkey: { prf: true } });
    expect(result).not.toHaveProperty('prf');
    expect(extensionsOf(browser.calls.create[0])).toEqual({ credProps: true, prf: {} });
    expect(sent[1]?.body).toMatchObject({ response: { clientExtensionResults: { prf: { enabled: true } } } });
  });

  it('sends enabled: true where the browser gave outputs without enabled, and enabled: false when it says nothing', async () => {
    for (const [prf, enabled] of [
      [{ results: { first: output(1) } }, true],
      [{}, false],
      [{ enabled: false }, false],
    ] as const) {
      const browser = fakeBrowser();
      browser.create = async () => ({ ...attestation(), getClientExtensionResults: () => ({ prf }) });
      const { fetch, sent } = registerRoutes();
      await createPasskeyClient({ fetch }).register({ prf: { first: 'AA' } });
      expect(sent[1]?.body).toMatchObject({ response: { clientExtensionResults: { prf: { enabled } } } });
      expect(JSON.stringify(sent[1]?.body)).not.toMatch(/results/);
    }
  });

  it('does not ask with prf: false', async () => {
    const browser = fakeBrowser();
    await createPasskeyClient({ fetch: registerRoutes().fetch }).register({ prf: false });
    expect(extensionsOf(browser.calls.create[0])).toEqual({
      credProps: true,
    });
  });

  it('evaluates salts at creation where the authenticator can, and keeps the outputs from the server', async () => {
    const browser = fakeBrowser();
    const outputs = { first: bytes(1, 2, 3), second: bytes(4, 5, 6) };
    browser.create = async () => ({
      ...attestation(),
      getClientExtensionResults: () => ({
        credProps: { rk: true },
        prf: { enabled: true, results: outputs },
      }),
    });
    const { fetch, sent } = registerRoutes();
    const result = await createPasskeyClient({ fetch }).register({
      prf: { first: 'AQID', second: bytes(9) },
    });
    expect(result).toMatchObject({ status: 'created', prf: outputs });
    const asked = prfAsked(browser.calls.create[0]);
    expect([hex(asked?.eval?.first), hex(asked?.eval?.second)]).toEqual(['010203', '09']);
    expect(sent[1]?.body).toMatchObject({
      response: { clientExtensionResults: { credProps: { rk: true }, prf: { enabled: true } } },
    });
    expect(JSON.stringify(sent[1]?.body)).not.toMatch(/results/);
  });
});

describe('PRF at sign-in and step-up', () => {
  it('evaluates the salts and gives the outputs to the app, never to the server', async () => {
    const browser = fakeBrowser();
    // Some wrappers of the WebAuthn API hand out typed arrays, which JSON would spell out byte by byte.
    const first = bytes(...Array.from({ length: 32 }, (_, i) => 200 + (i % 50)));
    browser.get = async () => ({
      ...assertion(),
      getClientExtensionResults: () => ({ prf: { results: { first } } }),
    });
    const { fetch, sent } = loginRoutes();
    const result = await createPasskeyClient({ fetch }).signIn({
      prf: { first: new TextEncoder().encode('vault') },
    });
    expect(result).toMatchObject({ status: 'signed-in', userId: 'u1', prf: { first } });
    expect(hex(prfAsked(browser.calls.get[0])?.eval?.first)).toBe(hex(new TextEncoder().encode('vault')));
    const body = sent[1]?.body as { response: { clientExtensionResults: unknown } };
    expect(body.response.clientExtensionResults).toEqual({ prf: {} });
    expect(JSON.stringify(body)).not.toMatch(/results|"200"|"201"/);
  });

  it('returns no prf where the passkey has none, and still signs in', async () => {
    for (const results of [{}, { prf: {} }]) {
      const browser = fakeBrowser();
      browser.get = async () => ({ ...assertion(), getClientExtensionResults: () => results });
      const result = await createPasskeyClient({ fetch: loginRoutes().fetch }).signIn({
        prf: { first: 'AA' },
      });
      expect(result.status).toBe('signed-in');
      expect(result).not.toHaveProperty('prf');
    }
  });

  it('asks for nothing without salts', async () => {
    const browser = fakeBrowser();
    await createPasskeyClient({ fetch: loginRoutes().fetch }).signIn();
    expect(prfAsked(browser.calls.get[0])).toBeUndefined();
  });

  it('keeps evalByCredential to the allowed credentials, and drops it for a usernameless ceremony', async () => {
    const prf = {
      eval: { first: 'AQ' },
      evalByCredential: { a2V5LWE: { first: 'Ag' }, b3RoZXI: { first: 'Aw' } },
    };
    const known = fakeBrowser();
    await createPasskeyClient({ fetch: loginRoutes([{ id: 'a2V5LWE', type: 'public-key' }]).fetch }).signIn({
      prf,
    });
    const asked = prfAsked(known.calls.get[0]);
    expect(hex(asked?.eval?.first)).toBe('01');
    expect(Object.keys(asked?.evalByCredential ?? {})).toEqual(['a2V5LWE']);
    expect(hex(asked?.evalByCredential?.a2V5LWE?.first)).toBe('02');
    const usernameless = fakeBrowser();
    await createPasskeyClient({ fetch: loginRoutes().fetch }).signIn({ prf });
    expect(prfAsked(usernameless.calls.get[0])).toEqual({ eval: { first: expect.anything() } });
  });

  it('evaluates at step-up and returns the outputs with the receipt', async () => {
    const browser = fakeBrowser();
    const results = { first: output(7), second: output(8) };
    browser.get = async () => ({ ...assertion(), getClientExtensionResults: () => ({ prf: { results } }) });
    const { fetch, sent } = loginRoutes([{ id: 'Y3JlZC0x', type: 'public-key' }]);
    const result = await createPasskeyClient({ fetch }).stepUp({
      action: 'vault.open',
      details: {},
      prf: { evalByCredential: { Y3JlZC0x: { first: 'AQ', second: 'Ag' } } },
    });
    expect(result).toEqual({ status: 'verified', receipt: 'jws', prf: results });
    expect(Object.keys(prfAsked(browser.calls.get[0])?.evalByCredential ?? {})).toEqual(['Y3JlZC0x']);
    expect(sent[1]?.body).toMatchObject({ response: { clientExtensionResults: { prf: {} } } });
  });

  it('reports salts that are not base64url as a setup bug, before any prompt', async () => {
    for (const salt of ['not base64!', 'a', '****']) {
      const browser = fakeBrowser();
      const result = await createPasskeyClient({ fetch: loginRoutes().fetch }).signIn({
        prf: { first: salt },
      });
      expect(result.status).toBe('misconfigured');
      expect(browser.calls.get).toEqual([]);
    }
  });
});
