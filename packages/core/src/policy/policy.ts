/**
 * How the user last completed a security verification. `'password'` is the weakest: a stolen
 * password must not be enough to add or remove a passkey once the account has one.
 */
export type VerificationMethod = 'passkey' | 'second-factor' | 'password';

/** The values of {@link VerificationMethod}, strongest first. */
export const VERIFICATION_METHODS: readonly VerificationMethod[] = Object.freeze([
  'passkey',
  'second-factor',
  'password',
]);

/** What the passkey that signs a step-up for one action must meet. */
export interface StepUpActionRule {
  /**
   * A security hold: a passkey younger than this many seconds cannot sign the action, so a
   * passkey an attacker just enrolled cannot move funds before the owner is notified.
   */
  minPasskeyAgeSeconds?: number;
  /** Only a passkey that cannot leave its device (not synced): a security key or a device-bound passkey. */
  deviceBound?: boolean;
}

/** The rules a server enforces (docs/design.md, "Policy"). Every field has a default. */
export interface PasskeyPolicy {
  /** Hard limit per account, enforced atomically by the store. Default 10. */
  maxPasskeysPerUser: number;
  /** `'required'`: biometrics or PIN on every ceremony. `'preferred'` also lets U2F-only keys register. */
  userVerification: 'required' | 'preferred';
  /** How recent a security verification must be to add or remove a passkey. Default 300 s. */
  stepUpMaxAgeSeconds: number;
  /** Lifetime of a ceremony's challenge. Default 300 s. */
  challengeTtlSeconds: number;
  /** A signature counter that did not increase: refuse, or flag with an event and allow. */
  counterRegression: 'reject' | 'flag';
  /** Maximum length of a passkey name, in code points. Default 64. */
  nameMaxLength: number;
  /** AAGUID allow/deny lists (lowercase UUIDs). Default: every authenticator. */
  authenticators: { allow?: string[]; deny?: string[] };
  /** `'direct'`: ask for attestation and refuse any that does not chain to a trusted root. */
  attestation: 'none' | 'direct';
  /** PEM root certificates trusted for `'direct'` attestation. */
  trustAnchors?: string[];
  /** FIDO metadata (from the server's `loadMetadataBlob`): per-AAGUID roots and status. */
  metadata?: AuthenticatorMetadata;
  /**
   * The verification methods that may add or remove a passkey once the user has one (the first
   * passkey takes any fresh verification). Default `['passkey', 'second-factor']`.
   */
  strongVerification: VerificationMethod[];
  /** Per step-up action, what the signing passkey must meet. Default `{}`. */
  actions: Record<string, StepUpActionRule>;
  /**
   * Sign-in with a typed username. `'discoverable'` (default): the options carry no
   * `allowCredentials`, shaped exactly like a usernameless sign-in, so they tell nothing about the
   * name. `'allow-credentials'`: the user's credential IDs (fake ones for an unknown name), for
   * security keys that hold no discoverable credential.
   */
  usernameSignIn: 'discoverable' | 'allow-credentials';
}

/** One authenticator model of the FIDO Metadata Service. */
export interface AuthenticatorMetadataEntry {
  aaguid: string;
  description: string;
  /** PEM roots its attestations chain to. */
  attestationRoots: string[];
  /** The latest status report (e.g. `FIDO_CERTIFIED_L1`, `REVOKED`), or null. */
  status: string | null;
}

/** A verified FIDO metadata blob, by lowercase AAGUID. */
export interface AuthenticatorMetadata {
  entries: ReadonlyMap<string, AuthenticatorMetadataEntry>;
  /** When the blob's publisher says to fetch a new one. */
  nextUpdate: Date;
  /** Attestation certificates (base64 DER) reported compromised: refused whatever model they claim. */
  compromisedCertificates?: ReadonlySet<string>;
}

/** The defaults. */
export const DEFAULT_POLICY: Readonly<PasskeyPolicy> = Object.freeze({
  maxPasskeysPerUser: 10,
  userVerification: 'required',
  stepUpMaxAgeSeconds: 300,
  challengeTtlSeconds: 300,
  counterRegression: 'reject',
  nameMaxLength: 64,
  authenticators: Object.freeze({}),
  attestation: 'none',
  strongVerification: Object.freeze(['passkey', 'second-factor']) as unknown as VerificationMethod[],
  actions: Object.freeze({}),
  usernameSignIn: 'discoverable',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS = new Set(Object.keys(DEFAULT_POLICY).concat('trustAnchors', 'metadata'));

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`policy.${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(`policy.${name} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
  return value as T;
}

const ACTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

function methods(value: unknown): VerificationMethod[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((v) => !VERIFICATION_METHODS.includes(v as VerificationMethod))
  ) {
    throw new TypeError(
      `policy.strongVerification must be a non-empty array of ${VERIFICATION_METHODS.join(', ')}`,
    );
  }
  return [...new Set(value as VerificationMethod[])];
}

function actionRules(value: unknown): Record<string, StepUpActionRule> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('policy.actions must be an object of action name → rule');
  }
  const out: Record<string, StepUpActionRule> = Object.create(null);
  for (const [action, rule] of Object.entries(value)) {
    if (!ACTION_NAME.test(action)) {
      throw new TypeError(
        `policy.actions: ${JSON.stringify(action)} is not an action name (1–64 of A-Z a-z 0-9 . _ : -)`,
      );
    }
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
      throw new TypeError(`policy.actions.${action} must be an object`);
    }
    for (const key of Object.keys(rule)) {
      if (key !== 'minPasskeyAgeSeconds' && key !== 'deviceBound') {
        throw new TypeError(
          `policy.actions.${action}.${key} is not a rule (minPasskeyAgeSeconds, deviceBound)`,
        );
      }
    }
    const r = rule as StepUpActionRule;
    const checked: StepUpActionRule = {};
    if (r.minPasskeyAgeSeconds !== undefined) {
      checked.minPasskeyAgeSeconds = integer(
        `actions.${action}.minPasskeyAgeSeconds`,
        r.minPasskeyAgeSeconds,
        0,
        365 * 86_400,
      );
    }
    if (r.deviceBound !== undefined) {
      if (typeof r.deviceBound !== 'boolean')
        throw new TypeError(`policy.actions.${action}.deviceBound must be a boolean`);
      checked.deviceBound = r.deviceBound;
    }
    out[action] = Object.freeze(checked);
  }
  return out;
}

function aaguids(name: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !UUID.test(v.toLowerCase()))) {
    throw new TypeError(`policy.authenticators.${name} must be an array of AAGUIDs (UUID strings)`);
  }
  return value.map((v: string) => v.toLowerCase());
}

/**
 * Fills a partial policy with the documented defaults and refuses invalid values at once
 * (a misconfigured server fails at start-up, not at its first request). Never mutates its input.
 *
 * @example
 * const policy = resolvePolicy({ maxPasskeysPerUser: 5, actions: { 'p2p.release': { deviceBound: true } } });
 * policy.stepUpMaxAgeSeconds; // the default, as the server will use it
 * resolvePolicy({ maxPasskeysPerUser: 0 }); // throws a RangeError
 */
export function resolvePolicy(partial: Partial<PasskeyPolicy> = {}): PasskeyPolicy {
  if (typeof partial !== 'object' || partial === null) throw new TypeError('policy must be an object');
  for (const key of Object.keys(partial)) {
    if (!KEYS.has(key)) throw new TypeError(`policy.${key} is not a policy field`);
  }
  const p = { ...DEFAULT_POLICY, ...partial };
  const auth = p.authenticators;
  if (typeof auth !== 'object' || auth === null)
    throw new TypeError('policy.authenticators must be an object');
  const allow = aaguids('allow', auth.allow);
  const deny = aaguids('deny', auth.deny);
  const anchors = p.trustAnchors;
  if (
    anchors !== undefined &&
    (!Array.isArray(anchors) || anchors.some((a) => !/-----BEGIN CERTIFICATE-----/.test(a)))
  ) {
    throw new TypeError('policy.trustAnchors must be an array of PEM certificates');
  }
  const metadata = p.metadata;
  if (
    metadata !== undefined &&
    !(typeof metadata === 'object' && metadata !== null && metadata.entries instanceof Map)
  ) {
    throw new TypeError('policy.metadata must come from loadMetadataBlob');
  }
  if (
    p.attestation === 'direct' &&
    (anchors === undefined || anchors.length === 0) &&
    metadata === undefined
  ) {
    throw new TypeError(
      "policy.attestation 'direct' needs policy.trustAnchors or policy.metadata: the roots attestations must chain to",
    );
  }
  return {
    maxPasskeysPerUser: integer('maxPasskeysPerUser', p.maxPasskeysPerUser, 1, 1000),
    userVerification: oneOf('userVerification', p.userVerification, ['required', 'preferred'] as const),
    stepUpMaxAgeSeconds: integer('stepUpMaxAgeSeconds', p.stepUpMaxAgeSeconds, 1, 86_400),
    challengeTtlSeconds: integer('challengeTtlSeconds', p.challengeTtlSeconds, 10, 3_600),
    counterRegression: oneOf('counterRegression', p.counterRegression, ['reject', 'flag'] as const),
    nameMaxLength: integer('nameMaxLength', p.nameMaxLength, 1, 256),
    authenticators: { ...(allow ? { allow } : {}), ...(deny ? { deny } : {}) },
    attestation: oneOf('attestation', p.attestation, ['none', 'direct'] as const),
    ...(anchors ? { trustAnchors: [...anchors] } : {}),
    ...(metadata ? { metadata } : {}),
    strongVerification: methods(p.strongVerification),
    actions: actionRules(p.actions),
    usernameSignIn: oneOf('usernameSignIn', p.usernameSignIn, ['discoverable', 'allow-credentials'] as const),
  };
}
