/**
 * Default names from what the server knows at registration (docs/design.md, "Default names"): the
 * provider of the AAGUID, the transports and attachment the browser reported, the user's choice
 * kept in the ceremony, and the browser and system of the request's User-Agent. Real attestations
 * from the software authenticator, through the HTTP handler as a browser sends them.
 */
import type { ChallengeRecord } from '@acme/passkey-core';
import type { SoftwareAuthenticatorOptions } from '@acme/passkey-testing';
import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../src/index';
import { alice, authenticator, register, setup } from './helpers';
import { BASE, httpSetup, jsonOf, ORIGIN } from './http-helpers';

const UA = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromeOS:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  // An Android app's HTTP client, and an iOS app's.
  androidApp: 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/AP2A.240805.005)',
  iosApp: 'MyWallet/1.0 CFNetwork/1496.0.7 Darwin/23.5.0',
};

const APPLE = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd'; // "Apple Passwords"
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4'; // "Google Password Manager"
const YUBIKEY = 'cb69481e-8ff7-4039-93ec-0a2729a154a8'; // "YubiKey 5 Series"

describe('describeUserAgent', () => {
  it.each([
    [UA.chromeWindows, 'Chrome on Windows'],
    [UA.edgeWindows, 'Edge on Windows'],
    [UA.firefoxWindows, 'Firefox on Windows'],
    [UA.safariMac, 'Safari on Mac'],
    [UA.chromeMac, 'Chrome on Mac'],
    [UA.firefoxMac, 'Firefox on Mac'],
    [UA.safariIphone, 'Safari on iPhone'],
    [UA.chromeIphone, 'Chrome on iPhone'],
    [UA.safariIpad, 'Safari on iPad'],
    [UA.chromeAndroid, 'Chrome on Android'],
    [UA.samsungAndroid, 'Samsung Internet on Android'],
    [UA.firefoxLinux, 'Firefox on Linux'],
    [UA.chromeOS, 'Chrome on ChromeOS'],
    [UA.androidApp, 'Android device'],
  ])('%s → %s', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });

  it('says nothing rather than repeat what a client made up', () => {
    const made = [
      UA.iosApp,
      'curl/8.5.0',
      'okhttp/4.12.0',
      'Your bank security team',
      'Mozilla/5.0 (Acme Security Check) Verified/1.0',
      '',
      '   ',
      'x'.repeat(100_000),
    ];
    for (const userAgent of made) expect(describeUserAgent(userAgent), userAgent.slice(0, 40)).toBeNull();
    for (const value of [null, undefined, 42, {}]) expect(describeUserAgent(value as never)).toBeNull();
    // A browser the list does not know keeps only its system.
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) TotallyRealBrowser/1.0')).toBe(
      'Windows PC',
    );
  });
});

/** Registers through the handler as a browser with `userAgent` would, choosing `choice`. */
async function registerAs(
  h: ReturnType<typeof httpSetup>,
  token: string,
  options: Omit<SoftwareAuthenticatorOptions, 'transports'> & { transports?: readonly string[] },
  { choice, userAgent, name }: { choice?: string; userAgent?: string; name?: string } = {},
) {
  const headers: Record<string, string> = userAgent ? { 'user-agent': userAgent } : {};
  const body = choice ? { authenticator: choice } : {};
  const start = await jsonOf(await h.send({ path: `${BASE}/register/options`, body, token, headers }));
  const { transports, ...rest } = options;
  const auth = authenticator({ ...rest, ...(transports ? { transports: [...transports] } : {}) });
  const response = await auth.create(start.options as never, { origin: ORIGIN });
  const finish = await h.send({
    path: `${BASE}/register/verify`,
    body: { ceremonyId: start.ceremonyId, response, ...(name ? { name } : {}) },
    token,
    headers,
  });
  expect(finish.status).toBe(201);
  return ((await jsonOf(finish)).passkey as { name: string }).name;
}

describe('default names through the handler', () => {
  it('names this device after the browser and system, numbered only when nothing else differs', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const platform = { attachment: 'platform', transports: ['internal'] } as const;
    const chrome = { choice: 'this-device', userAgent: UA.chromeWindows };
    expect(await registerAs(h, token, platform, chrome)).toBe('Chrome on Windows');
    expect(await registerAs(h, token, platform, chrome)).toBe('Chrome on Windows (2)');
    expect(await registerAs(h, token, platform, { userAgent: UA.safariIphone })).toBe('Safari on iPhone');
    // A native app's request, or none at all: no browser to name.
    expect(await registerAs(h, token, platform, { userAgent: UA.iosApp })).toBe('This device');
    expect(await registerAs(h, token, platform)).toBe('This device (2)');
    const names = (await h.server.list(alice.id)).passkeys.map((p) => p.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('names the provider of a known AAGUID, told apart by the device where it repeats', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const apple = { attachment: 'platform', transports: ['internal', 'hybrid'], aaguid: APPLE } as const;
    expect(await registerAs(h, token, apple, { userAgent: UA.safariMac })).toBe('Apple Passwords');
    expect(await registerAs(h, token, apple, { userAgent: UA.safariIphone })).toBe(
      'Apple Passwords (Safari on iPhone)',
    );
    const key = { attachment: 'cross-platform', transports: ['usb', 'nfc'], aaguid: YUBIKEY } as const;
    expect(await registerAs(h, token, key, { choice: 'security-key', userAgent: UA.chromeWindows })).toBe(
      'YubiKey 5 Series',
    );
    // A second key of that model: the browser says nothing about which key it is.
    expect(await registerAs(h, token, key, { choice: 'security-key', userAgent: UA.chromeWindows })).toBe(
      'YubiKey 5 Series (2)',
    );
  });

  it('names a phone or tablet over QR (hybrid), never "Security key"', async () => {
    const h = httpSetup();
    const token = h.signIn(alice);
    const phone = { attachment: 'cross-platform', transports: ['hybrid', 'internal'] } as const;
    const qr = { choice: 'other-device', userAgent: UA.chromeWindows };
    expect(await registerAs(h, token, phone, qr)).toBe('Phone or tablet (QR)');
    expect(await registerAs(h, token, phone, qr)).toBe('Phone or tablet (QR, 2)');
    expect(await registerAs(h, token, { ...phone, aaguid: GOOGLE }, qr)).toBe('Google Password Manager');
    // QR was offered, but a USB key was plugged in: the transports tell the truth.
    const usb = { attachment: 'cross-platform', transports: ['usb'] } as const;
    expect(await registerAs(h, token, usb, qr)).toBe('Security key');
    // The name the user typed wins over all of it.
    expect(await registerAs(h, token, phone, { ...qr, name: ' Pixel 8 ' })).toBe('Pixel 8');
  });

  it('puts the name it gave in the event', async () => {
    const events: { type: string; passkey?: { name: string } }[] = [];
    const h = httpSetup({ config: { onEvent: (e) => void events.push(e) } });
    const token = h.signIn(alice);
    await registerAs(h, token, { attachment: 'platform' }, { userAgent: UA.edgeWindows });
    expect(events.find((e) => e.type === 'passkey.registered')?.passkey?.name).toBe('Edge on Windows');
  });
});

describe('the choice, kept in the ceremony record', () => {
  it('names a passkey whose transports say nothing (programmatic API, no User-Agent)', async () => {
    const s = setup();
    for (const [choice, expected] of [
      ['other-device', 'Phone or tablet (QR)'],
      ['security-key', 'Security key'],
    ] as const) {
      const { ceremonyId, options } = await s.server.startRegistration({
        user: alice,
        lastVerifiedAt: s.clock.now,
        lastVerifiedWith: 'second-factor',
        authenticator: choice,
      });
      const record = (await s.challenges.take(ceremonyId)) as ChallengeRecord;
      expect(record.authenticator).toBe(choice);
      await s.challenges.put(ceremonyId, record, { ttlMs: 60_000 });
      const cross = authenticator({ attachment: 'cross-platform', transports: [] });
      const response = await cross.create(options, { origin: ORIGIN });
      const { passkey } = await s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
      expect(passkey.name).toBe(expected);
    }
  });

  it('finishes a ceremony an older server started without it', async () => {
    const s = setup();
    const { ceremonyId, options } = await s.server.startRegistration({
      user: alice,
      lastVerifiedAt: s.clock.now,
      authenticator: 'other-device',
    });
    const older = (await s.challenges.take(ceremonyId)) as ChallengeRecord;
    delete older.authenticator;
    await s.challenges.put(ceremonyId, older, { ttlMs: 60_000 });
    const response = await authenticator({ attachment: 'cross-platform', transports: [] }).create(options, {
      origin: ORIGIN,
    });
    const { passkey } = await s.server.finishRegistration({ ceremonyId, userId: alice.id, response });
    expect(passkey.name).toBe('Security key');
    expect((await register(s, authenticator())).name).toBe('This device');
  });
});
