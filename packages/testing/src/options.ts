import { ZERO_AAGUID } from './aaguid';
import type { AlgorithmName } from './algorithms';
import type { AttestationCa } from './attestation/ca';
import type { AttestationFormatName } from './attestation/index';
import type { AuthenticatorFlags } from './authenticator-data';
import type { AuthenticatorAttachment } from './types';

/** How the authenticator behaves; set at creation, and any of it overridable per `create()`. */
export interface AuthenticatorSettings {
  /** Preferred credential algorithm, used when `pubKeyCredParams` allows it. Default `'ES256'`. */
  algorithm?: AlgorithmName;
  /** Attestation statement format. Default `'none'`. `'fido-u2f'` implies ES256 and a zero AAGUID. */
  attestation?: AttestationFormatName;
  /** Default `'platform'`. */
  attachment?: AuthenticatorAttachment;
  /** Reported transports. Default `['internal']` for platform, `['usb']` for cross-platform. */
  transports?: string[];
  /** Model identifier, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. Default all zeros. */
  aaguid?: string;
  /** Store a discoverable (resident) credential. Default: as `authenticatorSelection.residentKey` asks. */
  discoverable?: boolean;
  /** Flags written in authenticator data. Default `{ up: true, uv: true, be: false, bs: false }`. */
  flags?: Partial<AuthenticatorFlags>;
  /** Signature counter: value at registration (default 0), added per assertion (default 1; 0 = no counter). */
  counter?: { start?: number; increment?: number };
  /**
   * Supports the PRF extension through CTAP2 `hmac-secret` (default `true`): a credential made
   * with `extensions.prf` gets two random keys, and `get()` evaluates the salts it is given.
   * `false` models an authenticator without it (`prf.enabled: false`).
   */
  prf?: boolean;
}

/** Options of `createSoftwareAuthenticator()`. */
export interface SoftwareAuthenticatorOptions extends AuthenticatorSettings {
  /** The attestation CA for `packed-x5c` and `fido-u2f`. Default: a new one, made on first use. */
  ca?: AttestationCa;
  /** Clock for a CA made by the authenticator. Default: the system clock. */
  now?: () => Date;
}

/**
 * Deliberate faults for negative tests: each makes one part of the response wrong the way an
 * attacker or a broken client would, and the verifier must refuse it.
 */
export interface Faults {
  /** Write this origin into clientDataJSON instead of the caller's. */
  origin?: string;
  /** Hash this RP ID into authenticator data instead of the real one. */
  rpId?: string;
  /** Write this challenge into clientDataJSON instead of the options'. */
  challenge?: string;
  /** Write this `type` into clientDataJSON (e.g. `'webauthn.get'` in a registration). */
  type?: string;
  /** Flip a byte of the signature (the assertion's, or the attestation statement's). */
  badSignature?: boolean;
  /** Write this signature counter for this one response; the stored counter does not change. */
  counter?: number;
  /** Assertion only: return this user handle instead of the stored one; `null` omits it. */
  userHandle?: string | null;
}

/** Per-call options of `create()`: the caller's origin, settings overrides and faults. */
export interface CreateCallOptions extends AuthenticatorSettings {
  /** The origin of the page calling `navigator.credentials.create()`, e.g. `https://example.com`. */
  origin: string;
  faults?: Omit<Faults, 'userHandle'>;
}

/** Per-call options of `get()`: the caller's origin, flags, the credential to use and faults. */
export interface GetCallOptions {
  /** The origin of the page calling `navigator.credentials.get()`. */
  origin: string;
  /** Which of several matching credentials the user picks (base64url ID). Default: the first. */
  credentialId?: string;
  /** Flags for this assertion, e.g. `{ uv: false }`. Default: the authenticator's; BE stays as registered. */
  flags?: Partial<AuthenticatorFlags>;
  faults?: Faults;
}

/** Settings with every default filled in. */
export type ResolvedSettings = Required<Omit<AuthenticatorSettings, 'discoverable' | 'flags' | 'counter'>> & {
  discoverable: boolean | undefined;
  flags: AuthenticatorFlags;
  counter: { start: number; increment: number };
};

/** Merges call overrides over the authenticator's settings over the defaults. */
export function resolveSettings(
  base: AuthenticatorSettings,
  call: AuthenticatorSettings = {},
): ResolvedSettings {
  const attachment = call.attachment ?? base.attachment ?? 'platform';
  return {
    algorithm: call.algorithm ?? base.algorithm ?? 'ES256',
    attestation: call.attestation ?? base.attestation ?? 'none',
    attachment,
    transports: call.transports ?? base.transports ?? (attachment === 'platform' ? ['internal'] : ['usb']),
    aaguid: call.aaguid ?? base.aaguid ?? ZERO_AAGUID,
    discoverable: call.discoverable ?? base.discoverable,
    flags: { up: true, uv: true, be: false, bs: false, ...defined(base.flags), ...defined(call.flags) },
    counter: { start: 0, increment: 1, ...defined(base.counter), ...defined(call.counter) },
    prf: call.prf ?? base.prf ?? true,
  };
}

/** Drops members set to `undefined`, so `{ uv: undefined }` keeps the default instead of erasing it. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
