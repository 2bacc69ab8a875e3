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
 * Creates the passkey server (see the default entry's `createPasskeyServer`), verifying
 * signatures with node:crypto.
 */
export function createPasskeyServer(config: PasskeyServerConfig): PasskeyServer {
  return buildServer(config, nodeCryptoBackend);
}
