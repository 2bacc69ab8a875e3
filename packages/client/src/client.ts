import { capabilities } from './capabilities';
import { createHttp } from './http';
import { type Context, list, removalImpact, remove, rename, signalCurrentUserDetails } from './manage';
import { type CreateOptions, register, upgrade } from './register';
import { type SignInOptions, signIn } from './sign-in';
import type { SignalName } from './signals';
import { type StepUpOptions, stepUp } from './step-up';
import type { AuthenticatorChoice, UserDetails } from './types';

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
  currentUser?: Context['currentUser'];
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
export function createPasskeyClient(options: PasskeyClientOptions = {}) {
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
    /** What this browser can do (WebAuthn, platform authenticator, autofill, QR, signals). */
    capabilities,
    /** Creates a passkey for the signed-in user on this device, another device (QR) or a security key. */
    register: (opts?: RegisterOptions) => register(ctx, opts),
    /** Automatic passkey upgrade after a password sign-in; quiet refusals are outcomes. */
    upgrade: (opts?: UpgradeOptions) => upgrade(ctx, opts),
    /** Signs in with a passkey: a button, the username field's autofill, or a phone by QR. */
    signIn: (opts?: SignInOptions) => signIn(ctx, opts),
    /** Confirms one sensitive action with a passkey; resolves to a single-use receipt. */
    stepUp: (opts: StepUpOptions) => stepUp(ctx, opts),
    /** The signed-in user's passkeys, their limit, and the RP ID and user handle for signals. */
    list: () => list(ctx),
    /** Renames one of the user's passkeys. */
    rename: (id: string, name: string) => rename(ctx, id, name),
    /** What removing this passkey would leave: show it as a warning before `remove`. */
    removalImpact: (id: string) => removalImpact(ctx, id),
    /** Removes a passkey (needs a fresh security verification) and tells the browser. */
    remove: (id: string, opts: { confirm: true }) => remove(ctx, id, opts),
    /** Tells the browser the account's new names (after an account rename), for its passkey pickers. */
    signalCurrentUserDetails: (details: UserDetails) => signalCurrentUserDetails(ctx, details),
  };
}

/** A client made by {@link createPasskeyClient}. */
export type PasskeyClient = ReturnType<typeof createPasskeyClient>;
/** Options of `register()`: `authenticator`, `name`, `prf`, `signal`. */
export type RegisterOptions = CreateOptions & { authenticator?: AuthenticatorChoice };
/** Options of `upgrade()`: `name`, `prf`, `signal`. */
export type UpgradeOptions = CreateOptions;
export type { SignInOptions, StepUpOptions };
