import type { PasskeyClient } from './api';
import { capabilities } from './capabilities';
import { createHttp } from './http';
import { type Context, list, removalImpact, remove, rename, signalCurrentUserDetails } from './manage';
import { register, upgrade } from './register';
import { signIn } from './sign-in';
import type { SignalName } from './signals';
import { stepUp } from './step-up';
import type { UserDetails } from './types';

/** Options of {@link createPasskeyClient}. */
export interface PasskeyClientOptions {
  /** Where the server's passkey handler is mounted. Default `'/passkeys'`. */
  baseUrl?: string;
  /** A `fetch` to use instead of the global one (tests, extra headers). */
  fetch?: typeof fetch;
  /** Cookies for the session: default `'same-origin'`; `'include'` for an API on another origin. */
  credentials?: RequestCredentials;
  /**
   * The WebAuthn signals the client sends by itself, each on by default: `unknownCredential`
   * after a sign-in refused as `CREDENTIAL_NOT_FOUND`, `allAcceptedCredentials` after `list()`
   * and `remove()`, `currentUserDetails` after a sign-in (with `currentUser`).
   */
  signals?: Partial<Record<SignalName, boolean>>;
  /**
   * The account's names after a passkey sign-in, for the current-user-details signal; `null`
   * sends none. `signIn()` waits for it before it resolves: keep it quick.
   */
  currentUser?: (userId: string) => UserDetails | null | undefined | Promise<UserDetails | null | undefined>;
}

/**
 * The browser half of the passkey SDK, speaking the HTTP protocol of `@acme/passkey-server`
 * under `baseUrl`. Every method resolves to a discriminated union on `status` and never throws.
 *
 * @example
 * const passkeys = createPasskeyClient({ baseUrl: '/api/passkeys' });
 * const result = await passkeys.signIn();
 * if (result.status === 'cancelled') showPasswordForm();
 */
export function createPasskeyClient(options: PasskeyClientOptions = {}): PasskeyClient {
  const ctx: Context = {
    http: createHttp({
      baseUrl: options.baseUrl ?? '/passkeys',
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      credentials: options.credentials ?? 'same-origin',
    }),
    signals: options.signals,
    currentUser: options.currentUser,
  };
  return {
    capabilities,
    register: (opts) => register(ctx, opts),
    upgrade: (opts) => upgrade(ctx, opts),
    signIn: (opts) => signIn(ctx, opts),
    stepUp: (opts) => stepUp(ctx, opts),
    list: () => list(ctx),
    rename: (id, name) => rename(ctx, id, name),
    removalImpact: (id) => removalImpact(ctx, id),
    remove: (id, opts) => remove(ctx, id, opts),
    signalCurrentUserDetails: (details) => signalCurrentUserDetails(ctx, details),
  };
}
