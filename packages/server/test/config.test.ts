import { describe, expect, it } from 'vitest';
import { createPasskeyServer, type PasskeyServerConfig } from '../src/index';
import { ANDROID_ORIGIN } from './helpers';

const good: PasskeyServerConfig = {
  rp: { id: 'example.com', name: 'Example' },
  origins: ['https://example.com'],
};

describe('createPasskeyServer config', () => {
  it('accepts web and native origins, subdomains and http://localhost', () => {
    expect(() =>
      createPasskeyServer({
        ...good,
        origins: ['https://example.com', 'https://app.example.com', ANDROID_ORIGIN],
      }),
    ).not.toThrow();
    expect(() =>
      createPasskeyServer({ rp: { id: 'localhost', name: 'Dev' }, origins: ['http://localhost:3000'] }),
    ).not.toThrow();
  });

  const bad: Array<[string, unknown]> = [
    ['no rp', { origins: good.origins }],
    ['RP ID with a scheme', { ...good, rp: { id: 'https://example.com', name: 'x' } }],
    ['RP ID with a port', { ...good, rp: { id: 'example.com:443', name: 'x' } }],
    ['RP ID in capitals', { ...good, rp: { id: 'Example.com', name: 'x' } }],
    ['empty RP name', { ...good, rp: { id: 'example.com', name: ' ' } }],
    ['no origins', { ...good, origins: [] }],
    ['origin with a path', { ...good, origins: ['https://example.com/login'] }],
    ['origin with a slash', { ...good, origins: ['https://example.com/'] }],
    ['plain http origin', { ...good, origins: ['http://example.com'] }],
    ['origin outside the RP ID', { ...good, origins: ['https://example.org'] }],
    ['origin that only ends like the RP ID', { ...good, origins: ['https://badexample.com'] }],
    ['malformed android origin', { ...good, origins: ['android:apk-key-hash:short'] }],
    ['bad policy value', { ...good, policy: { maxPasskeysPerUser: 0 } }],
    ['unknown policy field', { ...good, policy: { maxPasskeys: 5 } }],
    [
      'receipt key of the wrong curve',
      { ...good, receipts: { privateKey: { kty: 'EC', crv: 'P-384', x: 'a', y: 'b', d: 'c' } } },
    ],
    [
      'receipt key without d',
      {
        ...good,
        receipts: { privateKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } },
      },
    ],
    ['receipt ttl of 0', { ...good, receipts: { privateKey: undefined as never, ttlSeconds: 0 } }],
    ['short secret', { ...good, secret: 'short' }],
    ['onEvent not a function', { ...good, onEvent: 'log' }],
    ['store without methods', { ...good, store: {} }],
  ];
  it.each(bad)('refuses %s at once, synchronously', (_, config) => {
    expect(() => createPasskeyServer(config as PasskeyServerConfig)).toThrow(TypeError);
  });

  it('accepts an extractable P-256 CryptoKey or JWK, and refuses a non-extractable one', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    expect(() => createPasskeyServer({ ...good, receipts: { privateKey: pair.privateKey } })).not.toThrow();
    const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    expect(() => createPasskeyServer({ ...good, receipts: { privateKey: jwk } })).not.toThrow();
    const locked = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    expect(() => createPasskeyServer({ ...good, receipts: { privateKey: locked.privateKey } })).toThrow(
      TypeError,
    );
  });

  it('never mutates the caller’s config', () => {
    const config = { ...good, policy: { maxPasskeysPerUser: 3 }, origins: ['https://example.com'] };
    const copy = structuredClone(config);
    createPasskeyServer(config);
    expect(config).toEqual(copy);
  });
});
