import type { PasskeyEventContext } from '@acme/passkey-core';
import type { FinishStepUpInput, PasskeyServer, StepUpVerified } from '../api/types';
import { finishAuthentication } from '../authentication/finish-authentication';
import { startAuthentication } from '../authentication/start-authentication';
import type { PasskeyServerConfig } from '../config/config';
import { createContext, type ServerContext } from '../config/context';
import { list } from '../management/list';
import { impactOf, remove } from '../management/remove';
import { rename } from '../management/rename';
import { finishRegistration } from '../registration/finish-registration';
import { startRegistration } from '../registration/start-registration';
import { finishStepUp } from '../step-up/finish-step-up';
import { createReceiptSigner, type ReceiptSigner } from '../step-up/receipts';
import { startStepUp } from '../step-up/start-step-up';
import { verifyReceipt } from '../step-up/verify-receipt';
import type { CryptoBackend } from '../webauthn/crypto/backend';
import { webCryptoBackend } from '../webauthn/crypto/web';

/** The operations on one context: the public server's, or one request's (with its event context). */
function operations(ctx: ServerContext, signer: ReceiptSigner): PasskeyServer {
  return {
    startRegistration: (input) => startRegistration(ctx, input),
    finishRegistration: (input) => finishRegistration(ctx, input),
    startAuthentication: (input = {}) => startAuthentication(ctx, input),
    finishAuthentication: (input) => finishAuthentication(ctx, input),
    startStepUp: (input) => startStepUp(ctx, input),
    finishStepUp: async (input) => ({ receipt: (await finishStepUp(ctx, signer, input)).receipt }),
    verifyReceipt: (receipt, expected) => verifyReceipt(ctx, signer, receipt, expected),
    receiptJwks: () => signer.jwks(),
    list: (userId) => list(ctx, userId),
    rename: (userId, passkeyId, name) => rename(ctx, userId, passkeyId, name),
    removalImpact: (userId, passkeyId) => impactOf(ctx, userId, passkeyId),
    remove: (userId, passkeyId, options) => remove(ctx, userId, passkeyId, options),
  };
}

/** The operations for one HTTP request: its events carry `context`; a step-up tells what it verified. */
export interface RequestOperations extends PasskeyServer {
  finishStepUpFull(input: FinishStepUpInput): Promise<StepUpVerified>;
}

/** What the HTTP handler needs beyond the public API; kept off the object, so never logged. */
interface Internals {
  ctx: ServerContext;
  forRequest(context: PasskeyEventContext | undefined): RequestOperations;
}

const internals = new WeakMap<object, Internals>();

/** The internals of a server made by `createPasskeyServer`. */
export function internalsOf(server: PasskeyServer): Internals {
  const found = internals.get(server);
  if (found === undefined) throw new TypeError('Expected a server made by createPasskeyServer');
  return found;
}

/**
 * Creates the passkey server: registration, sign-in, step-up receipts and management.
 * Synchronous; validates `config` at once and throws a TypeError on a bad RP ID, origin,
 * policy value or key shape. Keys are imported (or generated, with a warning) on first use.
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
  return buildServer(config, webCryptoBackend);
}

/** The server on one crypto backend: each of the package's entries chooses its own. */
export function buildServer(config: PasskeyServerConfig, backend: CryptoBackend): PasskeyServer {
  const ctx: ServerContext = createContext(config, backend);
  const signer = createReceiptSigner(ctx);
  const server = operations(ctx, signer);
  internals.set(server, {
    ctx,
    forRequest(context) {
      const scoped: ServerContext = context === undefined ? ctx : { ...ctx, eventContext: context };
      return {
        ...operations(scoped, signer),
        finishStepUpFull: (input) => finishStepUp(scoped, signer, input),
      };
    },
  });
  return server;
}
