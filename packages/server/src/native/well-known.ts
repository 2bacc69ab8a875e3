import { checkRelatedOrigins } from '../config/related-origins';
import { fromBase64Url, toBase64Url } from '../encoding';

/** An Android app allowed to use this site's passkeys. */
export interface AndroidApp {
  /** e.g. `com.example.wallet`. */
  packageName: string;
  /** SHA-256 fingerprints of the app's signing certificates, `AB:CD:…` (32 bytes). */
  sha256CertFingerprints: string[];
}

/** Options of {@link createWellKnownHandler}. */
export interface WellKnownOptions {
  /** iOS apps, as `TEAMID.bundle.id`: served in `apple-app-site-association` (`webcredentials`). */
  appleAppIds?: string[];
  /** Android apps: served in `assetlinks.json` with the `get_login_creds` relation. */
  androidApps?: AndroidApp[];
  /**
   * Origins of other sites that may use this RP ID (WebAuthn L3 §5.11): served as
   * `/.well-known/webauthn` `{ origins }`, which browsers fetch from the RP ID's domain. At most five
   * distinct labels (checked at once). Give the server the same list (`relatedOrigins`).
   */
  relatedOrigins?: string[];
  /**
   * Where the app's passkey pages are, so that password managers can send users there: served as
   * `/.well-known/passkey-endpoints` (W3C "A Well-Known URL for Passkey Endpoints").
   */
  passkeyEndpoints?: PasskeyEndpoints;
}

/** The app's passkey pages, as absolute https URLs (http only on localhost). */
export interface PasskeyEndpoints {
  /** Where a signed-in user creates a passkey. */
  enroll?: string;
  /** Where a signed-in user sees and removes their passkeys. */
  manage?: string;
}

function checkEndpoints(endpoints: PasskeyEndpoints): PasskeyEndpoints {
  const out: PasskeyEndpoints = {};
  for (const key of ['enroll', 'manage'] as const) {
    const value = endpoints[key];
    if (value === undefined) continue;
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {}
    const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && url.hostname === 'localhost');
    if (url === null || !secure) {
      throw new TypeError(`createWellKnownHandler: passkeyEndpoints.${key} must be an absolute https URL`);
    }
    out[key] = url.href;
  }
  if (out.enroll === undefined && out.manage === undefined) {
    throw new TypeError('createWellKnownHandler: passkeyEndpoints needs enroll, manage or both');
  }
  return out;
}

const APPLE_APP_ID = /^[A-Z0-9]{10}\.[A-Za-z0-9.-]+$/;
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/**
 * The WebAuthn origin an Android app's passkey responses carry, from its signing certificate
 * fingerprint: `android:apk-key-hash:` + base64url of the SHA-256 bytes. Put it in `origins`.
 * @example androidOrigin('47:0D:…') // 'android:apk-key-hash:Rw0…'
 */
export function androidOrigin(sha256CertFingerprint: string): string {
  const hex = sha256CertFingerprint.toUpperCase();
  if (!FINGERPRINT.test(hex))
    throw new TypeError('androidOrigin: expected a SHA-256 fingerprint AB:CD:… of 32 bytes');
  return `android:apk-key-hash:${toBase64Url(Uint8Array.from(hex.split(':'), (b) => Number.parseInt(b, 16)))}`;
}

/** The fingerprint `AB:CD:…` of an `android:apk-key-hash:` origin (its inverse). */
export function androidFingerprint(origin: string): string {
  const hash = origin.replace(/^android:apk-key-hash:/, '');
  return [...fromBase64Url(hash)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/**
 * Serves the well-known documents that let native apps, other sites and password managers use the
 * site's passkeys: `/.well-known/apple-app-site-association` (iOS), `/.well-known/assetlinks.json`
 * (Android), `/.well-known/webauthn` (related origins) and `/.well-known/passkey-endpoints`.
 * Returns null for any other path. Validates its options at once.
 *
 * @example
 * const wellKnown = createWellKnownHandler({
 *   appleAppIds: ['ABCDE12345.com.example.wallet'],
 *   relatedOrigins: ['https://example.co.uk'],
 *   passkeyEndpoints: { enroll: 'https://example.com/security/passkeys/new', manage: 'https://example.com/security' },
 * });
 * app.get('/.well-known/*', async (c) => (await wellKnown(c.req.raw)) ?? c.notFound());
 */
export function createWellKnownHandler(
  options: WellKnownOptions,
): (request: Request) => Promise<Response | null> {
  const apple = options.appleAppIds ?? [];
  const android = options.androidApps ?? [];
  for (const id of apple)
    if (!APPLE_APP_ID.test(id)) throw new TypeError(`createWellKnownHandler: bad Apple app ID ${id}`);
  for (const app of android) {
    if (!PACKAGE.test(app.packageName))
      throw new TypeError(`createWellKnownHandler: bad package name ${app.packageName}`);
    if (
      app.sha256CertFingerprints.length === 0 ||
      !app.sha256CertFingerprints.every((f) => FINGERPRINT.test(f))
    ) {
      throw new TypeError(`createWellKnownHandler: ${app.packageName} needs SHA-256 fingerprints AB:CD:…`);
    }
  }
  const documents: Record<string, unknown> = {};
  if (apple.length > 0)
    documents['/.well-known/apple-app-site-association'] = { webcredentials: { apps: [...apple] } };
  if (android.length > 0) {
    documents['/.well-known/assetlinks.json'] = android.map((app) => ({
      relation: ['delegate_permission/common.handle_all_urls', 'delegate_permission/common.get_login_creds'],
      target: {
        namespace: 'android_app',
        package_name: app.packageName,
        sha256_cert_fingerprints: [...app.sha256CertFingerprints],
      },
    }));
  }
  if (options.relatedOrigins !== undefined) {
    documents['/.well-known/webauthn'] = {
      origins: checkRelatedOrigins(options.relatedOrigins, 'createWellKnownHandler'),
    };
  }
  if (options.passkeyEndpoints !== undefined) {
    documents['/.well-known/passkey-endpoints'] = checkEndpoints(options.passkeyEndpoints);
  }
  const bodies = new Map(Object.entries(documents).map(([path, doc]) => [path, JSON.stringify(doc)]));
  return async function handleWellKnown(request: Request): Promise<Response | null> {
    const body = bodies.get(new URL(request.url).pathname);
    if (body === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
    const headers = { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
