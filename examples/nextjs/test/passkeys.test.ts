import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../lib/config';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the passkey server instance', () => {
  it('is one per process, kept on globalThis across module reloads (next dev re-evaluates modules)', async () => {
    vi.stubEnv('PASSKEY_SECRET', 'a-secret-of-at-least-sixteen-chars');
    const first = (await import('../lib/passkeys')).passkeyApp();
    vi.resetModules();
    const reloaded = await import('../lib/passkeys');
    expect(reloaded.passkeyApp()).toBe(first);
    expect(reloaded.passkeyApp().server).toBe(first.server);
  });
});

describe('readConfig', () => {
  it('defaults to localhost and leaves the keys to the server', () => {
    expect(readConfig({})).toEqual({
      rpId: 'localhost',
      origin: 'http://localhost:3002',
      secret: undefined,
      receiptKey: undefined,
    });
  });

  it('reads RP_ID, ORIGIN (as an origin), PASSKEY_SECRET and RECEIPT_JWK', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' };
    const config = readConfig({
      RP_ID: 'example.com',
      ORIGIN: 'https://example.com/',
      PASSKEY_SECRET: 's',
      RECEIPT_JWK: JSON.stringify(jwk),
    });
    expect(config).toEqual({
      rpId: 'example.com',
      origin: 'https://example.com',
      secret: 's',
      receiptKey: jwk,
    });
  });

  it('refuses a malformed ORIGIN or RECEIPT_JWK at once', () => {
    for (const ORIGIN of ['localhost:3002', 'ftp://example.com', 'not a url', 'javascript:alert(1)']) {
      expect(() => readConfig({ ORIGIN }), ORIGIN).toThrow(TypeError);
    }
    for (const RECEIPT_JWK of ['{', '[]', 'null', '42', '"key"', 'true']) {
      expect(() => readConfig({ RECEIPT_JWK }), RECEIPT_JWK).toThrow(TypeError);
    }
  });
});
