import type { Passkey, PasskeyError, StepUpActionRule } from '@acme/passkey-core';
import type { ServerContext } from '../config/context';
import { authenticatorNotAllowed, passkeyOnHold } from '../errors/refusals';

/** Why a passkey may not sign an action now: on hold until a time, or never (not device-bound). */
export type Disqualification = { hold: Date } | { notAllowed: true } | null;

/** What `policy.actions[action]` demands of the passkey that signs `action` (nothing when unset). */
export function ruleFor(ctx: ServerContext, action: string): StepUpActionRule {
  return Object.hasOwn(ctx.policy.actions, action) ? (ctx.policy.actions[action] as StepUpActionRule) : {};
}

/**
 * Judges one passkey against an action's rule: a synced (backup-eligible) passkey never meets
 * `deviceBound`; one younger than `minPasskeyAgeSeconds` is on hold until it is old enough.
 */
export function disqualification(passkey: Passkey, rule: StepUpActionRule, now: Date): Disqualification {
  if (rule.deviceBound === true && passkey.deviceType !== 'singleDevice') return { notAllowed: true };
  const hold = rule.minPasskeyAgeSeconds ?? 0;
  const availableAt = new Date(passkey.createdAt.getTime() + hold * 1000);
  return availableAt.getTime() > now.getTime() ? { hold: availableAt } : null;
}

/**
 * The refusal when none of the user's passkeys may sign: PASSKEY_ON_HOLD with the earliest time
 * one will (`details.availableAt`), else AUTHENTICATOR_NOT_ALLOWED.
 */
export function ineligible(judged: Disqualification[], action: string): PasskeyError {
  const holds = judged.flatMap((d) => (d !== null && 'hold' in d ? [d.hold.getTime()] : []));
  if (holds.length > 0) {
    return passkeyOnHold(action, new Date(Math.min(...holds)));
  }
  return authenticatorNotAllowed({ action, deviceBound: true });
}
