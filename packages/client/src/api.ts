/**
 * The client's API, written out: what `createPasskeyClient` returns. Every method resolves to a
 * discriminated union on `status` and never throws (docs/design.md, "Public API").
 */
import type { Capabilities } from './capabilities';
import type { ListResult, RemovalImpactResult, RemoveResult, RenameResult, SignalResult } from './manage';
import type { RegisterResult, SignInResult, StepUpResult } from './outcomes';
import type { RegisterOptions, UpgradeOptions } from './register';
import type { SignInOptions } from './sign-in';
import type { StepUpOptions } from './step-up';
import type { UserDetails } from './types';

/** A client made by `createPasskeyClient`, speaking the HTTP protocol of `@acme/passkey-server`. */
export interface PasskeyClient {
  /** What this browser can do (WebAuthn, platform authenticator, autofill, QR, signals). */
  capabilities(): Promise<Capabilities>;
  /** Creates a passkey for the signed-in user on this device, another device (QR) or a security key. */
  register(options?: RegisterOptions): Promise<RegisterResult>;
  /** Automatic passkey upgrade after a password sign-in; quiet refusals are outcomes. */
  upgrade(options?: UpgradeOptions): Promise<RegisterResult>;
  /** Signs in with a passkey: a button, the username field's autofill, or a phone by QR. */
  signIn(options?: SignInOptions): Promise<SignInResult>;
  /** Confirms one sensitive action with a passkey; resolves to a single-use receipt. */
  stepUp(options: StepUpOptions): Promise<StepUpResult>;
  /** The signed-in user's passkeys, their limit, and the RP ID and user handle for signals. */
  list(): Promise<ListResult>;
  /** Renames one of the user's passkeys. */
  rename(id: string, name: string): Promise<RenameResult>;
  /** What removing this passkey would leave: show it as a warning before `remove`. */
  removalImpact(id: string): Promise<RemovalImpactResult>;
  /** Removes a passkey (needs a fresh security verification) and tells the browser. */
  remove(id: string, options: { confirm: true }): Promise<RemoveResult>;
  /** Tells the browser the account's new names (after an account rename), for its passkey pickers. */
  signalCurrentUserDetails(details: UserDetails): Promise<SignalResult>;
}
