import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient } from '../src/index';
import { fakeBrowser } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

const none = {
  webauthn: false,
  platformAuthenticator: false,
  autofill: false,
  hybrid: false,
  conditionalCreate: false,
  signals: { unknownCredential: false, allAcceptedCredentials: false, currentUserDetails: false },
};

describe('capabilities', () => {
  it('reports everything false outside a browser', async () => {
    expect(await createPasskeyClient().capabilities()).toEqual(none);
  });

  it('reads getClientCapabilities() when present', async () => {
    fakeBrowser({
      capabilities: {
        userVerifyingPlatformAuthenticator: false,
        conditionalGet: true,
        hybridTransport: true,
        conditionalCreate: true,
        signalUnknownCredential: true,
        signalAllAcceptedCredentials: false,
      },
    });
    expect(await createPasskeyClient().capabilities()).toEqual({
      webauthn: true,
      platformAuthenticator: false,
      autofill: true,
      hybrid: true,
      conditionalCreate: true,
      // Unknown to getClientCapabilities(): the method's presence decides.
      signals: { unknownCredential: true, allAcceptedCredentials: false, currentUserDetails: true },
    });
  });

  it('falls back to the individual checks, and reports what nobody confirms as false', async () => {
    fakeBrowser({ autofill: false, signals: false });
    expect(await createPasskeyClient().capabilities()).toEqual({
      ...none,
      webauthn: true,
      platformAuthenticator: true,
    });
  });

  it('never throws, whatever the browser does', async () => {
    const browser = fakeBrowser();
    const boom = () => {
      throw new Error('boom');
    };
    Object.assign(globalThis.PublicKeyCredential, {
      getClientCapabilities: async () => Promise.reject(new Error('no')),
      isUserVerifyingPlatformAuthenticatorAvailable: boom,
    });
    browser.conditionalMediation = async () => Promise.reject(new Error('no'));
    expect(await createPasskeyClient().capabilities()).toEqual({
      ...none,
      webauthn: true,
      signals: { unknownCredential: true, allAcceptedCredentials: true, currentUserDetails: true },
    });
    Object.assign(globalThis.PublicKeyCredential, { getClientCapabilities: boom });
    expect((await createPasskeyClient().capabilities()).webauthn).toBe(true);
  });
});
