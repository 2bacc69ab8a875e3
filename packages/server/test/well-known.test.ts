import { describe, expect, it } from 'vitest';
import { androidFingerprint, androidOrigin, createPasskeyServer, createWellKnownHandler } from '../src/index';
import { ANDROID_ORIGIN } from './helpers';

const fingerprint = androidFingerprint(ANDROID_ORIGIN);

describe('native apps', () => {
  it('derives the Android origin from the signing certificate fingerprint and back', () => {
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(androidOrigin(fingerprint)).toBe(ANDROID_ORIGIN);
    expect(androidOrigin(fingerprint.toLowerCase())).toBe(ANDROID_ORIGIN);
    expect(() =>
      createPasskeyServer({ rp: { id: 'example.com', name: 'x' }, origins: [androidOrigin(fingerprint)] }),
    ).not.toThrow();
    for (const bad of ['', 'AB:CD', fingerprint.replace(/:/g, '')])
      expect(() => androidOrigin(bad)).toThrow(TypeError);
  });

  it('serves apple-app-site-association and assetlinks.json, and nothing else', async () => {
    const handle = createWellKnownHandler({
      appleAppIds: ['ABCDE12345.com.example.wallet'],
      androidApps: [{ packageName: 'com.example.wallet', sha256CertFingerprints: [fingerprint] }],
    });
    const get = (path: string, method = 'GET') =>
      handle(new Request(`https://example.com${path}`, { method }));
    const aasa = (await get('/.well-known/apple-app-site-association'))!;
    expect(aasa.headers.get('content-type')).toBe('application/json');
    expect(await aasa.json()).toEqual({ webcredentials: { apps: ['ABCDE12345.com.example.wallet'] } });
    expect(await (await get('/.well-known/assetlinks.json'))!.json()).toEqual([
      {
        relation: [
          'delegate_permission/common.handle_all_urls',
          'delegate_permission/common.get_login_creds',
        ],
        target: {
          namespace: 'android_app',
          package_name: 'com.example.wallet',
          sha256_cert_fingerprints: [fingerprint],
        },
      },
    ]);
    expect(await get('/.well-known/assetlinks.json', 'POST')).toBeNull();
    expect(await get('/.well-known/other')).toBeNull();
    expect(
      await createWellKnownHandler({})(new Request('https://example.com/.well-known/assetlinks.json')),
    ).toBeNull();
  });

  it('refuses malformed app identities at once', () => {
    expect(() => createWellKnownHandler({ appleAppIds: ['com.example.wallet'] })).toThrow(TypeError);
    expect(() =>
      createWellKnownHandler({
        androidApps: [{ packageName: 'wallet', sha256CertFingerprints: [fingerprint] }],
      }),
    ).toThrow(TypeError);
    expect(() =>
      createWellKnownHandler({ androidApps: [{ packageName: 'com.example.w', sha256CertFingerprints: [] }] }),
    ).toThrow(TypeError);
  });
});
