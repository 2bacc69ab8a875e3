import type { PasskeyEventContext } from '@acme/passkey-core';
import { finishAuthentication } from './authentication/finish-authentication';
import { startAuthentication } from './authentication/start-authentication';
import type { PasskeyServerConfig } from './config';
import { createContext, type ServerContext } from './internal/context';
import { list } from './management/list';
import { impactOf, remove } from './management/remove';
import { rename } from './management/rename';
import { finishRegistration } from './registration/finish-registration';
import { startRegistration } from './registration/start-registration';
import { finishStepUp } from './step-up/finish-step-up';
import { createReceiptSigner, type ReceiptSigner } from './step-up/receipts';
import { startStepUp } from './step-up/start-step-up';
import { verifyReceipt } from './step-up/verify-receipt';
import type { CryptoBackend } from './webauthn/crypto/backend';
import { webCryptoBackend } from './webauthn/crypto/web';

/** The operations, on one context: the public server's, or a request's (with its event context). */
function operations(ctx: ServerContext, signer: ReceiptSigner) {
  return {
    /** Starts adding a passkey for a signed-in user who has just completed a security verification. */
    startRegistration: (input: Parameters<typeof startRegistration>[1]) => startRegistration(ctx, input),
    /** Verifies the new passkey and stores it (atomically under the limit). */
    finishRegistration: (input: Parameters<typeof finishRegistration>[1]) => finishRegistration(ctx, input),
    /** Starts a sign-in: usernameless by default, for a known user, or for a typed username. */
    startAuthentication: (input: Parameters<typeof startAuthentication>[1] = {}) =>
      startAuthentication(ctx, input),
    /** Verifies a sign-in and tells who signed in. */
    finishAuthentication: (input: Parameters<typeof finishAuthentication>[1]) =>
      finishAuthentication(ctx, input),
    /** Starts a step-up bound to one action and its details. */
    startStepUp: (input: Parameters<typeof startStepUp>[1]) => startStepUp(ctx, input),
    /** Verifies a step-up and returns a signed, single-use receipt for its action. */
    finishStepUp: async (input: Parameters<typeof finishStepUp>[2]) => {
      const { receipt } = await finishStepUp(ctx, signer, input);
      return { receipt };
    },
    /** Checks and consumes a receipt for exactly this user, action and details. */
    verifyReceipt: (receipt: string, expected: Parameters<typeof verifyReceipt>[3]) =>
      verifyReceipt(ctx, signer, receipt, expected),
    /** The public key(s) that sign receipts, for other services. */
    receiptJwks: () => signer.jwks(),
    /** The user's passkeys (views, never keys), the limit, the RP ID and the user handle. */
    list: (userId: string) => list(ctx, userId),
    /** Renames one of the user's passkeys. */
    rename: (userId: string, passkeyId: string, name: string) => rename(ctx, userId, passkeyId, name),
    /** What removing one of the user's passkeys would do. */
    removalImpact: (userId: string, passkeyId: string) => impactOf(ctx, userId, passkeyId),
    /** Removes one of the user's passkeys, with confirmation and a fresh, strong verification. */
    remove: (userId: string, passkeyId: string, options: Parameters<typeof remove>[3]) =>
      remove(ctx, userId, passkeyId, options),
  };
}

/** What the HTTP handler needs beyond the public API; kept off the object, so never logged. */
interface Internals {
  ctx: ServerContext;
  /** The operations for one request: its events carry `context`; a step-up tells what it verified. */
  forRequest(context: PasskeyEventContext | undefined): ReturnType<typeof operations> & {
    finishStepUpFull: (input: Parameters<typeof finishStepUp>[2]) => ReturnType<typeof finishStepUp>;
  };
}

const internals = new WeakMap<object, Internals>();

/** The internals of a server made by {@link createPasskeyServer}. */
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
export function createPasskeyServer(config: PasskeyServerConfig) {
  return buildServer(config, webCryptoBackend);
}

/** The server on one crypto backend: each of the package's entries chooses its own. */
export function buildServer(config: PasskeyServerConfig, backend: CryptoBackend) {
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

/** The object {@link createPasskeyServer} returns. */
export type PasskeyServer = ReturnType<typeof createPasskeyServer>;
