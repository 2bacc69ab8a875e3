import { fromBase64Url, toBase64Url } from '../internal/encoding';

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
 * Serves the documents that let native apps use the site's passkeys (the seed's "native
 * iOS/Android app"): `/.well-known/apple-app-site-association` and `/.well-known/assetlinks.json`.
 * Returns null for any other path. Validates its options at once.
 */
export function createWellKnownHandler(options: WellKnownOptions) {
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
  const bodies = new Map(Object.entries(documents).map(([path, doc]) => [path, JSON.stringify(doc)]));
  return async function handleWellKnown(request: Request): Promise<Response | null> {
    const body = bodies.get(new URL(request.url).pathname);
    if (body === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
    const headers = { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
