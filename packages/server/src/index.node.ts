/**
 * @acme/passkey-server on Node (the package's `node` export condition): the same API, with the
 * sign-in hot path on node:crypto — a synchronous verify with a cached KeyObject and a synchronous
 * SHA-256 — where WebCrypto sends each call through the thread pool (docs/benchmarks.md).
 */

import type { PasskeyServer } from './api/types';
import type { PasskeyServerConfig } from './config/config';
import { buildServer } from './server/create-passkey-server';
import { nodeCryptoBackend } from './webauthn/crypto/node';

export * from './index';

/**
 * Creates the passkey server: registration, sign-in, step-up receipts and management, verifying
 * signatures with node:crypto (what Node resolves `@acme/passkey-server` to). Synchronous;
 * validates `config` at once and throws a TypeError on a bad RP ID, origin, policy value or key
 * shape. Keys are imported (or generated, with a warning) on first use.
 *
 * @example
 * const passkeys = createPasskeyServer({
 *   rp: { id: 'example.com', name: 'Example' },
 *   origins: ['https://example.com'],
 *   store: stores.store, challenges: stores.challenges,
 *   receipts: { privateKey: JSON.parse(process.env.RECEIPT_JWK!) },
 *   secret: process.env.PASSKEY_SECRET,
 *   findUser: async (username) => db.users.findByEmail(username),
 * });
 */
export function createPasskeyServer(config: PasskeyServerConfig): PasskeyServer {
  return buildServer(config, nodeCryptoBackend);
}
