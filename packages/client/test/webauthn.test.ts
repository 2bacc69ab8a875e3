import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { assertion, attestation, creationOptions, fakeBrowser, passkeyJSON, recordingFetch } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

const text = (buffer: unknown) => new TextDecoder().decode(buffer as ArrayBuffer);
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('the browser call', () => {
  it('turns the creation options into bytes and keeps the rest (hints, extensions, selection)', async () => {
    const browser = fakeBrowser();
    const options = {
      ...creationOptions,
      challenge: b64url('challenge-1'),
      user: { ...creationOptions.user, id: b64url('handle-1') },
      excludeCredentials: [{ id: b64url('old-1'), type: 'public-key', transports: ['usb'] }],
      hints: ['security-key'],
      extensions: { credProps: true },
    };
    const { fetch } = recordingFetch({
      'POST /passkeys/register/options': [200, { ceremonyId: 'c1', options }],
      'POST /passkeys/register/verify': [201, { passkey: passkeyJSON() }],
    });
    await createPasskeyClient({ fetch }).register();
    const publicKey = browser.calls.create[0]?.publicKey as unknown as Record<string, unknown> & {
      user: { id: ArrayBuffer; name: string };
      excludeCredentials: { id: ArrayBuffer; transports: string[] }[];
    };
    expect(text(publicKey.challenge)).toBe('challenge-1');
    expect(text(publicKey.user.id)).toBe('handle-1');
    expect(publicKey.user.name).toBe('alice');
    expect(text(publicKey.excludeCredentials[0]?.id)).toBe('old-1');
    expect(publicKey.excludeCredentials[0]?.transports).toEqual(['usb']);
    expect(publicKey).toMatchObject({
      hints: ['security-key'],
      extensions: { credProps: true },
      authenticatorSelection: creationOptions.authenticatorSelection,
      timeout: 60_000,
    });
  });

  it('lists allowed credentials as bytes, and none at all when the list is empty', async () => {
    const browser = fakeBrowser();
    const allow = [{ id: b64url('cred-a'), type: 'public-key' }];
    const { fetch } = recordingFetch({
      'POST /passkeys/login/options': (_, n) => [
        200,
        {
          ceremonyId: 'c',
          options: { challenge: 'AA', rpId: 'localhost', allowCredentials: n === 1 ? allow : [] },
        },
      ],
      'POST /passkeys/login/verify': [200, { userId: 'u1', passkey: passkeyJSON() }],
    });
    const client = createPasskeyClient({ fetch });
    await client.signIn({ username: 'alice' });
    await client.signIn();
    const [known, usernameless] = browser.calls.get.map((g) => g.publicKey?.allowCredentials);
    expect(known?.map((c) => text(c.id))).toEqual(['cred-a']);
    expect(usernameless).toBeUndefined();
  });

  it('sends the JSON of the response, with the L3 getters and without a getter that throws', async () => {
    const browser = fakeBrowser();
    const made = attestation();
    browser.create = async () => ({
      ...made,
      authenticatorAttachment: 'cross-platform',
      getClientExtensionResults: () => ({ credProps: { rk: true } }),
      response: {
        ...made.response,
        getPublicKeyAlgorithm: () => -7,
        getPublicKey: () => {
          throw new Error('a wrapping extension broke it');
        },
        getAuthenticatorData: () => new TextEncoder().encode('authData').buffer,
      },
    });
    const { fetch, sent } = recordingFetch({
      'POST /passkeys/register/options': [200, { ceremonyId: 'c1', options: creationOptions }],
      'POST /passkeys/register/verify': [201, { passkey: passkeyJSON() }],
    });
    await createPasskeyClient({ fetch }).register();
    expect((sent[1]!.body as { response: unknown }).response).toEqual({
      id: 'Y3JlZC0x',
      rawId: b64url('cred-1'),
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        attestationObject: b64url('attestation'),
        clientDataJSON: b64url('{"type":"webauthn.create"}'),
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        authenticatorData: b64url('authData'),
      },
    });
  });

  it('sends an assertion with its user handle, and without one when the authenticator gave none', async () => {
    const browser = fakeBrowser();
    const { fetch, sent } = recordingFetch({
      'POST /passkeys/login/options': [200, { ceremonyId: 'c', options: { challenge: 'AA' } }],
      'POST /passkeys/login/verify': [200, { userId: 'u1', passkey: passkeyJSON() }],
    });
    const client = createPasskeyClient({ fetch });
    await client.signIn();
    const plain = assertion();
    browser.get = async () => ({ ...plain, response: { ...plain.response, userHandle: null } });
    await client.signIn();
    const responses = sent
      .filter((s) => s.url.endsWith('/verify'))
      .map((s) => (s.body as { response: { response: object } }).response.response);
    expect(responses[0]).toEqual({
      authenticatorData: b64url('authData'),
      clientDataJSON: b64url('{"type":"webauthn.get"}'),
      signature: b64url('sig'),
      userHandle: b64url('handle'),
    });
    expect(responses[1]).not.toHaveProperty('userHandle');
  });
});
