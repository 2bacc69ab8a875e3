import { describe, expect, it } from 'vitest';
import {
  androidFingerprint,
  androidOrigin,
  createPasskeyHandler,
  createPasskeyServer,
  createWellKnownHandler,
} from '../src/index';
import { ANDROID_ORIGIN, alice, authenticator, rejectsWith, setup } from './helpers';

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

describe('related origins (WebAuthn L3 §5.11)', () => {
  const related = ['https://example.co.uk', 'https://example.de', 'https://shop.example.fr'];

  it('serves /.well-known/webauthn with the origins, and refuses a list past five labels at once', async () => {
    const handle = createWellKnownHandler({ relatedOrigins: related });
    const res = (await handle(new Request('https://example.com/.well-known/webauthn')))!;
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ origins: related });
    // example.co.uk, example.de and example.fr share one label: "example".
    const four = ['https://a.com', 'https://b.com', 'https://c.com', 'https://d.co.uk'];
    expect(() => createWellKnownHandler({ relatedOrigins: [...four, ...related] })).not.toThrow();
    expect(() => createWellKnownHandler({ relatedOrigins: [...four, ...related, 'https://e.com'] })).toThrow(
      TypeError,
    );
    for (const bad of [
      'http://example.co.uk',
      'https://example.co.uk/',
      'https://example.co.uk/path',
      'example.co.uk',
      'https://co.uk',
    ]) {
      expect(() => createWellKnownHandler({ relatedOrigins: [bad] }), bad).toThrow(TypeError);
    }
  });

  it('the server accepts a related origin’s responses, and refuses one not listed', async () => {
    const s = setup({ relatedOrigins: ['https://example.co.uk'] });
    // As a browser that found example.co.uk in example.com's /.well-known/webauthn would answer
    // (the software authenticator, like a browser without that document, refuses the RP ID there).
    const from = async (origin: string) => {
      const { ceremonyId, options } = await s.server.startRegistration({
        user: alice,
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'passkey',
      });
      const response = await authenticator().create(options, { origin: 'https://example.com' });
      const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString());
      const clientDataJSON = Buffer.from(JSON.stringify({ ...clientData, origin })).toString('base64url');
      const moved = { ...response, response: { ...response.response, clientDataJSON } };
      return s.server.finishRegistration({ ceremonyId, userId: alice.id, response: moved });
    };
    await expect(from('https://example.co.uk')).resolves.toHaveProperty('passkey');
    await rejectsWith(from('https://example.de'), 'ORIGIN_MISMATCH');
    expect(() => setup({ relatedOrigins: ['http://example.co.uk'] })).toThrow(TypeError);
  });

  it('lets a related site’s page through the handler’s cross-site check', async () => {
    const s = setup({ relatedOrigins: ['https://example.co.uk'] });
    const handle = createPasskeyHandler(s.server, { getSession: () => null });
    const post = (origin: string) =>
      handle(
        new Request('https://example.com/passkeys/login/options', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: '{}',
        }),
      );
    expect((await post('https://example.co.uk'))?.status).toBe(200);
    expect((await post('https://evil.example'))?.status).toBe(403);
  });
});

describe('passkey endpoints (W3C Well-Known URL for Passkey Endpoints)', () => {
  it('serves /.well-known/passkey-endpoints so password managers can send users to the passkey pages', async () => {
    const handle = createWellKnownHandler({
      passkeyEndpoints: {
        enroll: 'https://example.com/security/passkeys/new',
        manage: 'https://example.com/security',
      },
    });
    const res = (await handle(new Request('https://example.com/.well-known/passkey-endpoints')))!;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      enroll: 'https://example.com/security/passkeys/new',
      manage: 'https://example.com/security',
    });
    const head = (await handle(
      new Request('https://example.com/.well-known/passkey-endpoints', { method: 'HEAD' }),
    ))!;
    expect(await head.text()).toBe('');
  });

  it('refuses endpoints that are not absolute https URLs, or none at all', () => {
    for (const passkeyEndpoints of [
      { enroll: '/security' },
      { manage: 'http://example.com/x' },
      { manage: 'javascript:alert(1)' },
      {},
    ]) {
      expect(() => createWellKnownHandler({ passkeyEndpoints }), JSON.stringify(passkeyEndpoints)).toThrow(
        TypeError,
      );
    }
    expect(() =>
      createWellKnownHandler({ passkeyEndpoints: { enroll: 'http://localhost:3000/new' } }),
    ).not.toThrow();
  });
});
