import type { ChallengeStore, PasskeyEventContext, PasskeyStore } from '@acme/passkey-core';
import { guardStores } from '../stores/guarded-stores';
import type { CryptoBackend } from '../webauthn/crypto/backend';
import { webCryptoBackend } from '../webauthn/crypto/web';
import { createSignatureVerifier, type SignatureVerifier } from '../webauthn/signature/signature-verifier';
import type { PasskeyServerConfig } from './config';
import { defaultStores, type ResolvedConfig, validateConfig } from './validate-config';

/** Everything a ceremony needs: checked config, guarded stores, the clock and the event sink. */
export interface ServerContext extends ResolvedConfig {
  store: PasskeyStore;
  challenges: ChallengeStore;
  now: () => Date;
  onEvent?: PasskeyServerConfig['onEvent'];
  findUser?: PasskeyServerConfig['findUser'];
  normalizeUsername: (username: string) => string;
  /** Who asked, for events raised by a request through the HTTP handler. */
  eventContext?: PasskeyEventContext;
  /** Verifies assertion signatures with keys imported once per credential. */
  verifier: SignatureVerifier;
  /** SHA-256 of the RP ID, computed once: what `rpIdHash` in authenticator data must be. */
  rpIdHash: Promise<Uint8Array>;
}

/**
 * Validates the config and wraps the stores: what every ceremony runs on. `backend` is the crypto
 * of the sign-in hot path: WebCrypto, or node:crypto through the package's `node` entry.
 */
export function createContext(
  config: PasskeyServerConfig,
  backend: CryptoBackend = webCryptoBackend,
): ServerContext {
  const resolved = validateConfig(config);
  const defaults =
    config.store === undefined || config.challenges === undefined ? defaultStores() : undefined;
  const stores = guardStores(config.store ?? defaults!.store, config.challenges ?? defaults!.challenges);
  return {
    ...resolved,
    ...stores,
    now: config.now ?? (() => new Date()),
    ...(config.findUser ? { findUser: config.findUser } : {}),
    normalizeUsername: config.normalizeUsername ?? ((username) => username),
    verifier: createSignatureVerifier(backend),
    rpIdHash: Promise.resolve(backend.sha256(new TextEncoder().encode(resolved.rpId))),
  };
}
