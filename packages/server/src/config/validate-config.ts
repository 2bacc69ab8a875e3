import {
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyPolicy,
  resolvePolicy,
} from '@acme/passkey-core';
import { isBase64Url, randomBytes } from '../encoding';
import type { PasskeyLogger, PasskeyServerConfig } from './config';
import { checkRelatedOrigins } from './related-origins';

const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
const RP_ID = new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})*$`);
const ANDROID = /^android:apk-key-hash:([A-Za-z0-9_-]{43})$/;

/** The checked configuration the ceremonies run on. */
export interface ResolvedConfig {
  rpId: string;
  rpName: string;
  origins: string[];
  /** The http(s) origins: what a browser's `Origin` header may say. */
  webOrigins: ReadonlySet<string>;
  policy: PasskeyPolicy;
  secret: Uint8Array<ArrayBuffer>;
  receipts: { privateKey?: CryptoKey | JsonWebKey; issuer: string; ttlSeconds: number };
  logger: PasskeyLogger;
}

function fail(message: string): never {
  throw new TypeError(`createPasskeyServer: ${message}`);
}

function checkOrigin(origin: unknown, rpId: string): 'web' | 'native' {
  if (typeof origin !== 'string') fail('every origin must be a string');
  if (ANDROID.test(origin)) return 'native';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    fail(`origin ${JSON.stringify(origin)} is not a URL or android:apk-key-hash:<sha256 base64url>`);
  }
  if (url.origin !== origin)
    fail(`origin ${JSON.stringify(origin)} must be scheme://host[:port], without path or slash`);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  if (!secure) fail(`origin ${origin} must use https (http only for localhost)`);
  // WebAuthn §5.1.3: the RP ID must be the origin's host or a registrable suffix of it.
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`))
    fail(`origin ${origin} is not within RP ID ${rpId}`);
  return 'web';
}

function checkReceipts(r: PasskeyServerConfig['receipts'], rpId: string): ResolvedConfig['receipts'] {
  if (r === undefined) return { issuer: rpId, ttlSeconds: 120 };
  if (typeof r !== 'object' || r === null) fail('receipts must be an object');
  const key = r.privateKey as unknown;
  const isCryptoKey = typeof CryptoKey !== 'undefined' && key instanceof CryptoKey;
  if (isCryptoKey) {
    const alg = key.algorithm as EcKeyAlgorithm;
    if (key.type !== 'private' || alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') {
      fail('receipts.privateKey must be an ECDSA P-256 private key');
    }
    if (!key.extractable) fail('receipts.privateKey must be extractable: its public key is derived from it');
  } else {
    const jwk = key as JsonWebKey | null;
    const ok = typeof jwk === 'object' && jwk !== null && jwk.kty === 'EC' && jwk.crv === 'P-256';
    if (!ok || ![jwk.d, jwk.x, jwk.y].every((v) => isBase64Url(v, 64) && v.length === 43)) {
      fail(
        'receipts.privateKey must be a P-256 private JWK ({ kty: "EC", crv: "P-256", x, y, d }) or CryptoKey',
      );
    }
  }
  const issuer = r.issuer ?? rpId;
  if (typeof issuer !== 'string' || issuer.length === 0) fail('receipts.issuer must be a non-empty string');
  const ttl = r.ttlSeconds ?? 120;
  if (!Number.isInteger(ttl) || ttl < 5 || ttl > 3600)
    fail('receipts.ttlSeconds must be an integer from 5 to 3600');
  return { privateKey: r.privateKey, issuer, ttlSeconds: ttl };
}

function checkSecret(secret: PasskeyServerConfig['secret'], logger: PasskeyLogger): Uint8Array<ArrayBuffer> {
  if (secret === undefined) {
    logger.warn(
      'passkeys: no secret configured; made a random one for this process. The fake credential IDs ' +
        'answered for unknown usernames then change at every restart and differ between instances, ' +
        'which tells unknown names from known ones, and first user handles differ between instances. ' +
        'Give every instance the same secret (at least 16 characters).',
    );
    return randomBytes(32);
  }
  if (typeof secret === 'string' && secret.length >= 16) return new TextEncoder().encode(secret);
  if (secret instanceof Uint8Array && secret.length >= 16) return new Uint8Array(secret);
  return fail('secret must be a string of at least 16 characters or at least 16 bytes');
}

/** Validates the configuration at once, so a misconfigured server fails at start-up. */
export function validateConfig(
  config: PasskeyServerConfig,
): ResolvedConfig & Pick<PasskeyServerConfig, 'onEvent'> {
  if (typeof config !== 'object' || config === null) fail('config must be an object');
  const { rp } = config;
  if (typeof rp !== 'object' || rp === null) fail('rp must be { id, name }');
  // WebAuthn §5.1.3: an RP ID is a domain; an IP address is not (its last label is numeric).
  if (typeof rp.id !== 'string' || !RP_ID.test(rp.id) || /(^|\.)\d+$/.test(rp.id)) {
    fail(`rp.id ${JSON.stringify(rp.id)} is not a lowercase domain`);
  }
  if (typeof rp.name !== 'string' || rp.name.trim() === '') fail('rp.name must be a non-empty string');
  if (!Array.isArray(config.origins) || config.origins.length === 0)
    fail('origins must be a non-empty array');
  const webOrigins = new Set(config.origins.filter((o) => checkOrigin(o, rp.id) === 'web'));
  // Origins of other sites that share this RP ID (WebAuthn L3 §5.11); browsers check them against
  // the RP ID's /.well-known/webauthn (createWellKnownHandler), the server accepts them here.
  const related =
    config.relatedOrigins === undefined
      ? []
      : checkRelatedOrigins(config.relatedOrigins, 'createPasskeyServer');
  for (const origin of related) webOrigins.add(origin);
  for (const hook of ['onEvent', 'now', 'findUser', 'normalizeUsername'] as const) {
    if (config[hook] !== undefined && typeof config[hook] !== 'function') fail(`${hook} must be a function`);
  }
  let policy: PasskeyPolicy;
  try {
    policy = resolvePolicy(config.policy);
  } catch (err) {
    fail((err as Error).message);
  }
  const logger = config.logger ?? console;
  return {
    rpId: rp.id,
    rpName: rp.name,
    origins: [...config.origins, ...related.filter((o) => !config.origins.includes(o))],
    webOrigins,
    policy,
    secret: checkSecret(config.secret, logger),
    receipts: checkReceipts(config.receipts, rp.id),
    logger,
    onEvent: config.onEvent,
  };
}

/** Memory stores, for a server given none (one process only). */
export const defaultStores = () => ({
  store: createMemoryPasskeyStore(),
  challenges: createMemoryChallengeStore(),
});
