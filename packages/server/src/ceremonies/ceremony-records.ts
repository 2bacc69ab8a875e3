import { AUTHENTICATOR_CHOICES, type AuthenticatorChoice } from '../constants';
import { isObject } from '../input/validate-input';

/** What every ceremony keeps between its start and its finish. */
interface CeremonyBase {
  /** base64url challenge the authenticator must sign. */
  challenge: string;
  /** Epoch ms on the server's clock; the server judges expiry after `take`. */
  expiresAt: number;
}

/** A registration: for one signed-in user, under the user handle their passkeys share. */
export interface RegistrationCeremony extends CeremonyBase {
  kind: 'registration';
  userId: string;
  userHandle: string;
  /** An automatic upgrade (conditional create): made without UP or UV. */
  conditional?: boolean;
  /** Started on a verification strong enough to add a passkey to an account that has one. */
  strong?: boolean;
  /** Where the user chose to create it: one of the inputs of its default name. */
  authenticator?: AuthenticatorChoice;
}

/** A sign-in: usernameless (`allow` null), for a known user, or for a typed username. */
export interface AuthenticationCeremony extends CeremonyBase {
  kind: 'authentication';
  /** The user it is for; null when usernameless or for a name no one has. */
  userId: string | null;
  /** The credential IDs offered; null for a discoverable ceremony. */
  allow: string[] | null;
  /** Discoverable, but bound to the typed name's user: only their passkeys may answer. */
  bound?: boolean;
  /** The IDs offered are fake (a name without passkeys): the ceremony can only fail. */
  fake?: boolean;
}

/** A step-up: one user's passkeys sign one action and its details. */
export interface StepUpCeremony extends CeremonyBase {
  kind: 'step-up';
  userId: string;
  allow: string[];
  action: string;
  /** base64url SHA-256 of the canonical `{ action, details }`. */
  dh: string;
}

/** A ceremony record: one shape per kind. */
export type CeremonyRecord = RegistrationCeremony | AuthenticationCeremony | StepUpCeremony;
/** The kinds of ceremony; a record is only ever accepted by a finish of its own kind. */
export type CeremonyKind = CeremonyRecord['kind'];
/** The record of one kind. */
export type CeremonyOf<K extends CeremonyKind> = Extract<CeremonyRecord, { kind: K }>;

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOptionalBoolean = (v: unknown) => v === undefined || typeof v === 'boolean';
const isOptionalChoice = (v: unknown) =>
  v === undefined || (AUTHENTICATOR_CHOICES as readonly unknown[]).includes(v);
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 64 && v.every(isString);

const VALID: { [K in CeremonyKind]: (r: Record<string, unknown>) => boolean } = {
  registration: (r) =>
    isString(r.userId) &&
    isString(r.userHandle) &&
    isOptionalBoolean(r.conditional) &&
    isOptionalBoolean(r.strong) &&
    isOptionalChoice(r.authenticator),
  authentication: (r) =>
    (r.userId === null || isString(r.userId)) &&
    (r.allow === null || isIdList(r.allow)) &&
    isOptionalBoolean(r.bound) &&
    isOptionalBoolean(r.fake),
  'step-up': (r) => isString(r.userId) && isIdList(r.allow) && isString(r.action) && isString(r.dh),
};

/**
 * Checks a record taken from a ChallengeStore — a trust boundary: a shared store may hold anything
 * — against the shape of its kind. `'other-kind'` for a well-formed record of another kind (a client
 * mixing up ceremonies), `'malformed'` for anything a server of this SDK never writes.
 */
export function validateCeremony(record: unknown, kind: CeremonyKind): 'ok' | 'other-kind' | 'malformed' {
  if (!isObject(record) || !isString(record.challenge) || !Number.isFinite(record.expiresAt))
    return 'malformed';
  const valid = VALID[record.kind as CeremonyKind];
  if (valid === undefined || !valid(record)) return 'malformed';
  return record.kind === kind ? 'ok' : 'other-kind';
}
