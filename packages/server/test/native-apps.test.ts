/**
 * Native apps through the real handler, as docs/native-apps.md describes them: no `Origin` header,
 * a bearer-token session, and client data whose origin is the Android app's
 * `android:apk-key-hash:` (Credential Manager) or, for an iOS app, the RP ID's https origin
 * (AuthenticationServices). The software authenticator plays the device.
 */
import { createHash, X509Certificate } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  createAttestationCa,
  createSoftwareAuthenticator,
  type RegistrationResponseJSON,
} from '@acme/passkey-testing';
import { describe, expect, it } from 'vitest';
import {
  androidOrigin,
  createPasskeyHandler,
  createPasskeyServer,
  createWellKnownHandler,
  type PasskeyEvent,
  type PasskeySession,
  type VerificationMethod,
} from '../src/index';
import { alice, expectError, jsonOf, type PasskeyJson, SECRET, STEP_UP } from './http-helpers';

/** The app's signing certificate; its SHA-256 fingerprint is what `keytool -list -v` prints. */
const signingCertificate = () => new X509Certificate(createAttestationCa().rootCertificatePem);
const CERTIFICATE = signingCertificate();
const ANDROID_APP = androidOrigin(CERTIFICATE.fingerprint256);
/** AuthenticationServices writes `https://` + the relying party identifier into client data. */
const IOS_APP = 'https://example.com';
const GOOGLE_PASSWORD_MANAGER = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const BASE = '/api/passkeys';

/** A ceremony's start, as the app receives it: `options` is what the OS is given. */
interface Started {
  ceremonyId: string;
  options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] };
}

/** The server, the handler and an app's bearer-token sessions: the token travels in `Authorization`. */
function setup(origins: string[] = [IOS_APP, ANDROID_APP]) {
  const clock = { now: new Date('2026-06-01T12:00:00.000Z') };
  const events: PasskeyEvent[] = [];
  const server = createPasskeyServer({
    rp: { id: 'example.com', name: 'Example' },
    origins,
    secret: SECRET,
    now: () => clock.now,
    logger: { warn: () => {}, error: () => {} },
    onEvent: (event) => void events.push(event),
  });
  const sessions = new Map<string, PasskeySession>();
  const open = (method: VerificationMethod): string => {
    const token = `token-${sessions.size + 1}`;
    sessions.set(token, { user: alice, lastVerifiedAt: clock.now, lastVerifiedWith: method });
    return token;
  };
  const bearer = (request: Request) =>
    /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  const handle = createPasskeyHandler(server, {
    basePath: BASE,
    getSession: (request) => sessions.get(bearer(request)) ?? null,
    // No cookie for an app: the new session's token goes back in a header the app reads.
    onSignedIn: () => ({ 'x-session-token': open('passkey') }),
    onVerified: (_result, request) => {
      const session = sessions.get(bearer(request))!;
      sessions.set(bearer(request), { ...session, lastVerifiedAt: clock.now, lastVerifiedWith: 'passkey' });
    },
  });
  /** An app's request: JSON, the bearer token if any, and no Origin header unless one is given. */
  const send = async (call: {
    path: string;
    body?: unknown;
    token?: string;
    method?: string;
    origin?: string;
  }) => {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (call.token !== undefined) headers.set('authorization', `Bearer ${call.token}`);
    if (call.origin !== undefined) headers.set('origin', call.origin);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const request = new Request(`https://example.com${BASE}${call.path}`, {
      method: call.method ?? 'POST',
      headers,
      body,
    });
    return (await handle(request))!;
  };
  return { server, events, sessions, open, send };
}

/** How each platform's app turns what the OS returned into the `response` it posts. */
interface Platform {
  origin: string;
  registration(created: RegistrationResponseJSON): unknown;
  assertion(asserted: AuthenticationResponseJSON): unknown;
}

/** Credential Manager returns WebAuthn JSON as a string (`registrationResponseJson`, …): parsed, posted. */
const android: Platform = {
  origin: ANDROID_APP,
  registration: (created) => JSON.parse(JSON.stringify(created)),
  assertion: (asserted) => JSON.parse(JSON.stringify(asserted)),
};

/** Swift's `base64EncodedString()` made URL-safe by the app, its `=` padding left on. */
const swiftBase64Url = (base64url: string) =>
  Buffer.from(base64url, 'base64url').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/** AuthenticationServices gives raw bytes; the app builds the JSON from exactly these. */
const ios: Platform = {
  origin: IOS_APP,
  registration: ({ rawId, response }) => ({
    id: swiftBase64Url(rawId), // credentialID
    rawId: swiftBase64Url(rawId),
    type: 'public-key',
    authenticatorAttachment: 'platform', // attachment (iOS 16.6+)
    response: {
      clientDataJSON: swiftBase64Url(response.clientDataJSON), // rawClientDataJSON
      attestationObject: swiftBase64Url(response.attestationObject), // rawAttestationObject
    },
  }),
  assertion: ({ rawId, response }) => ({
    id: swiftBase64Url(rawId),
    rawId: swiftBase64Url(rawId),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: swiftBase64Url(response.clientDataJSON),
      authenticatorData: swiftBase64Url(response.authenticatorData), // rawAuthenticatorData
      signature: swiftBase64Url(response.signature),
      userHandle: swiftBase64Url(response.userHandle!), // userID
    },
  }),
};

const clientDataOf = (response: { response: { clientDataJSON: string } }): { origin: string } =>
  JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString());

type Harness = ReturnType<typeof setup>;
type Device = ReturnType<typeof createSoftwareAuthenticator>;

/** POSTs a ceremony's start (register, login or step-up options). */
const start = async (h: Harness, path: string, body: unknown, token?: string) =>
  (await jsonOf(
    await h.send({ path, body, ...(token === undefined ? {} : { token }) }),
  )) as unknown as Started;

const passkeyOf = async (response: Response) => (await jsonOf(response)).passkey as PasskeyJson;

/** register/options → the OS creates the passkey → register/verify, on a fresh password session. */
async function register(h: Harness, device: Device, platform: Platform, token = h.open('password')) {
  const started = await start(h, '/register/options', {}, token);
  const created = await device.create(started.options as never, { origin: platform.origin });
  const body = { ceremonyId: started.ceremonyId, response: platform.registration(created), name: 'Phone' };
  return { created, finish: await h.send({ path: '/register/verify', body, token }) };
}

describe('native apps over HTTP: no Origin header, a bearer token', () => {
  for (const [name, platform] of [
    ['an Android app (Credential Manager)', android],
    ['an iOS app (AuthenticationServices)', ios],
  ] as const) {
    it(`${name}: registration → sign-in → step-up, and the receipt verifies`, async () => {
      const h = setup();
      const device = createSoftwareAuthenticator({
        aaguid: GOOGLE_PASSWORD_MANAGER,
        flags: { be: true, bs: true },
      });

      const { created, finish } = await register(h, device, platform);
      expect(finish.status).toBe(201);
      const passkey = await passkeyOf(finish);
      expect(passkey).toMatchObject({ name: 'Phone', synced: true, attachment: 'platform' });

      const login = await start(h, '/login/options', {});
      expect(login.options).toMatchObject({ rpId: 'example.com', userVerification: 'required' });
      const asserted = await device.get(login.options as never, { origin: platform.origin });
      const signedIn = await h.send({
        path: '/login/verify',
        body: { ceremonyId: login.ceremonyId, response: platform.assertion(asserted) },
      });
      expect(signedIn.status).toBe(200);
      expect((await jsonOf(signedIn)).userId).toBe(alice.id);
      const token = signedIn.headers.get('x-session-token')!;
      expect(h.sessions.get(token)?.user).toEqual(alice);

      const stepUp = await start(h, '/step-up/options', STEP_UP, token);
      expect(stepUp.options.allowCredentials).toEqual([expect.objectContaining({ id: passkey.id })]);
      const approval = await device.get(stepUp.options as never, { origin: platform.origin });
      const verified = await h.send({
        path: '/step-up/verify',
        body: { ceremonyId: stepUp.ceremonyId, response: platform.assertion(approval) },
        token,
      });
      const receipt = (await jsonOf(verified)).receipt as string;
      expect(h.sessions.get(token)?.lastVerifiedWith).toBe('passkey');
      await expect(h.server.verifyReceipt(receipt, { userId: alice.id, ...STEP_UP })).resolves.toMatchObject({
        passkeyId: passkey.id,
      });

      for (const response of [created, asserted, approval])
        expect(clientDataOf(response).origin).toBe(platform.origin);
      expect(h.events.map((e) => e.type)).toEqual([
        'passkey.registered',
        'passkey.authenticated',
        'step_up.verified',
      ]);
    });
  }

  it('takes client data in the shape reported from Android: androidPackageName, no crossOrigin', async () => {
    const h = setup();
    const device = createSoftwareAuthenticator();
    const encode = (type: string, challenge: string) =>
      Buffer.from(
        JSON.stringify({ type, challenge, origin: ANDROID_APP, androidPackageName: 'com.example.wallet' }),
      ).toString('base64url');
    const token = h.open('password');
    const started = await start(h, '/register/options', {}, token);
    const created = await device.create(started.options as never, { origin: ANDROID_APP });
    // Attestation "none" signs no client data: the registration takes the Android form as it is.
    created.response.clientDataJSON = encode('webauthn.create', started.options.challenge);
    const body = { ceremonyId: started.ceremonyId, response: created };
    expect((await h.send({ path: '/register/verify', body, token })).status).toBe(201);

    const login = await start(h, '/login/options', {});
    const asserted = await device.get(login.options as never, { origin: ANDROID_APP });
    const clientDataJSON = encode('webauthn.get', login.options.challenge);
    const signed = Buffer.concat([
      Buffer.from(asserted.response.authenticatorData, 'base64url'),
      createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest(),
    ]);
    const signature = Buffer.from(device.sign(asserted.id, signed)).toString('base64url');
    const response = { ...asserted, response: { ...asserted.response, clientDataJSON, signature } };
    const res = await h.send({ path: '/login/verify', body: { ceremonyId: login.ceremonyId, response } });
    expect(res.status).toBe(200);
  });

  it('refuses an app signed with another key (a debug build, a repackaged app): ORIGIN_MISMATCH, nothing kept', async () => {
    const h = setup();
    const device = createSoftwareAuthenticator();
    const otherApp: Platform = { ...android, origin: androidOrigin(signingCertificate().fingerprint256) };

    await expectError((await register(h, createSoftwareAuthenticator(), otherApp)).finish, 'ORIGIN_MISMATCH');
    expect((await h.server.list(alice.id)).passkeys).toEqual([]);

    expect((await register(h, device, android)).finish.status).toBe(201);
    const sessionsBefore = h.sessions.size;
    const login = await start(h, '/login/options', {});
    const asserted = await device.get(login.options as never, { origin: otherApp.origin });
    const refused = await h.send({
      path: '/login/verify',
      body: { ceremonyId: login.ceremonyId, response: asserted },
    });
    await expectError(refused, 'ORIGIN_MISMATCH');
    expect(refused.headers.get('x-session-token')).toBeNull();
    expect(h.sessions.size).toBe(sessionsBefore);

    const token = h.open('password');
    const stepUp = await start(h, '/step-up/options', STEP_UP, token);
    const approval = await device.get(stepUp.options as never, { origin: otherApp.origin });
    const body = { ceremonyId: stepUp.ceremonyId, response: approval };
    await expectError(await h.send({ path: '/step-up/verify', body, token }), 'ORIGIN_MISMATCH');
    expect(h.events.map((e) => [e.type, e.code])).toEqual([
      ['ceremony.failed', 'ORIGIN_MISMATCH'],
      ['passkey.registered', undefined],
      ['ceremony.failed', 'ORIGIN_MISMATCH'],
      ['ceremony.failed', 'ORIGIN_MISMATCH'],
    ]);
  });

  it('refuses an iOS app when origins lacks https://<RP ID> (a site served only on www)', async () => {
    const h = setup(['https://www.example.com', ANDROID_APP]);
    const { finish } = await register(h, createSoftwareAuthenticator(), ios);
    await expectError(finish, 'ORIGIN_MISMATCH');
    expect((await h.server.list(alice.id)).passkeys).toEqual([]);
  });

  it('refuses a response posted as a string, or in standard base64 (400), keeping the ceremony', async () => {
    const h = setup();
    const device = createSoftwareAuthenticator();
    const token = h.open('password');
    const started = await start(h, '/register/options', {}, token);
    const created = await device.create(started.options as never, { origin: ANDROID_APP });
    const { clientDataJSON } = created.response;
    // Standard base64 where base64url is due: a `+` or `/` in place of a first character.
    const standard = {
      ...created,
      response: { ...created.response, clientDataJSON: `+${clientDataJSON.slice(1)}` },
    };
    for (const response of [
      JSON.stringify(created),
      standard,
      { ...created, id: `/${created.id.slice(1)}` },
    ]) {
      const body = { ceremonyId: started.ceremonyId, response };
      await expectError(await h.send({ path: '/register/verify', body, token }), 'INVALID_REQUEST');
    }
    const parsed = { ceremonyId: started.ceremonyId, response: created };
    expect((await h.send({ path: '/register/verify', body: parsed, token })).status).toBe(201);
  });

  it('still refuses a page of another site (CROSS_SITE_REQUEST) on every state-changing route, token or not', async () => {
    const h = setup();
    const { finish } = await register(h, createSoftwareAuthenticator(), android);
    const passkey = await passkeyOf(finish);
    const token = h.open('second-factor');
    const calls = [
      { path: '/register/options', body: {} },
      { path: '/register/verify', body: { ceremonyId: 'AAAAAAAAAAAAAAAAAAAAAAAA', response: {} } },
      { path: '/login/options', body: {} },
      { path: '/login/verify', body: { ceremonyId: 'AAAAAAAAAAAAAAAAAAAAAAAA', response: {} } },
      { path: '/step-up/options', body: STEP_UP },
      { path: '/step-up/verify', body: { ceremonyId: 'AAAAAAAAAAAAAAAAAAAAAAAA', response: {} } },
      { path: `/${passkey.id}`, method: 'PATCH', body: { name: 'Renamed' } },
      { path: `/${passkey.id}`, method: 'DELETE', body: { confirm: true } },
    ];
    // An app's origin is for client data only: as an Origin header it is no web origin of this site.
    for (const origin of ['https://evil.example', 'https://example.com.evil.example', 'null', ANDROID_APP]) {
      for (const call of calls) {
        await expectError(await h.send({ ...call, token, origin }), 'CROSS_SITE_REQUEST');
      }
    }
    expect((await h.server.list(alice.id)).passkeys).toMatchObject([{ id: passkey.id, name: 'Phone' }]);
    const rename = { path: `/${passkey.id}`, method: 'PATCH', body: { name: 'Renamed' }, token };
    expect((await h.send({ ...rename, origin: IOS_APP })).status).toBe(200);
  });

  it('assetlinks.json lists the fingerprint whose origin the server accepts: SHA-256 of the certificate', async () => {
    const wellKnown = createWellKnownHandler({
      appleAppIds: ['ABCDE12345.com.example.wallet'],
      androidApps: [
        { packageName: 'com.example.wallet', sha256CertFingerprints: [CERTIFICATE.fingerprint256] },
      ],
    });
    const res = (await wellKnown(new Request('https://example.com/.well-known/assetlinks.json')))!;
    const [statement] = (await res.json()) as { target: { sha256_cert_fingerprints: string[] } }[];
    const [fingerprint] = statement!.target.sha256_cert_fingerprints;
    const digest = createHash('sha256').update(CERTIFICATE.raw).digest('base64url');
    expect(androidOrigin(fingerprint!)).toBe(`android:apk-key-hash:${digest}`);
    expect(androidOrigin(fingerprint!)).toBe(ANDROID_APP);
  });
});
