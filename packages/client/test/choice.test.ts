import { createPasskeyHandler, createPasskeyServer } from '@acme/passkey-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AuthenticatorChoice, createPasskeyClient } from '../src/index';
import { fakeBrowser } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The real handler, reached through `fetch`, and what each request carried. */
function realServer() {
  const passkeys = createPasskeyServer({
    rp: { id: 'localhost', name: 'Example' },
    origins: ['http://localhost:3000'],
    secret: 'a test secret of at least thirty-two characters',
  });
  const handle = createPasskeyHandler(passkeys, { getSession: () => null });
  const bodies: unknown[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    const response = await handle(new Request(new URL(String(input), 'http://localhost:3000'), init));
    return response ?? new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, bodies };
}

describe('signIn({ authenticator })', () => {
  const hints: [AuthenticatorChoice | undefined, string[] | undefined][] = [
    ['other-device', ['hybrid']],
    ['this-device', ['client-device']],
    ['security-key', ['security-key']],
    ['any', undefined],
    [undefined, undefined],
  ];

  for (const [authenticator, expected] of hints) {
    it(`passes ${authenticator ?? 'no choice'} to login/options, and the browser gets hints ${expected}`, async () => {
      const browser = fakeBrowser();
      const { fetch, bodies } = realServer();
      await createPasskeyClient({ fetch }).signIn({ authenticator });
      expect(bodies[0]).toEqual({ mediation: 'modal', ...(authenticator && { authenticator }) });
      const publicKey = browser.calls.get[0]?.publicKey as { hints?: string[]; rpId?: string };
      expect(publicKey.hints).toEqual(expected);
      expect(publicKey.rpId).toBe('localhost');
    });
  }

  it('gets INVALID_REQUEST for a choice the server does not know, before any prompt', async () => {
    for (const authenticator of ['phone', '', 'HYBRID', 42, null, ['other-device']]) {
      const browser = fakeBrowser();
      const { fetch } = realServer();
      const result = await createPasskeyClient({ fetch }).signIn({
        authenticator: authenticator as AuthenticatorChoice,
      });
      expect(result).toMatchObject({ status: 'error', error: { code: 'INVALID_REQUEST' } });
      expect(browser.calls.get).toEqual([]);
    }
  });
});
