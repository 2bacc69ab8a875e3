import type { PasskeyView } from '@acme/passkey-client';
import { $ } from './dom';
import { durationText, waitText } from './messages';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * When the user's passkeys may approve a release under the security hold: `null` when one already
 * may (or there is no hold, or no passkey), else the moment the oldest one comes off hold.
 */
export function holdEndsAt(
  passkeys: readonly PasskeyView[],
  holdSeconds: number,
  now = new Date(),
): Date | null {
  if (holdSeconds <= 0 || passkeys.length === 0) return null;
  const ends = passkeys.map((p) => new Date(p.createdAt).getTime() + holdSeconds * 1000);
  const first = Math.min(...ends);
  return first > now.getTime() ? new Date(first) : null;
}

/** The sentence of the hold notice, e.g. "… from 10:05:12 (in 42 seconds)." */
export function holdMessage(endsAt: Date, holdSeconds: number, now = new Date()): string {
  const left = Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000));
  return (
    `Security hold: new passkeys can approve releases ${durationText(holdSeconds)} after they are added, ` +
    `so that a passkey added by someone else cannot move your crypto before you see it. ` +
    `Yours can from ${timeFormat.format(endsAt)} (${waitText(left)}).`
  );
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Shows the hold notice of the P2P panel with the time left, counting down; hides it at the end. */
export function showHold(passkeys: readonly PasskeyView[], holdSeconds: number): void {
  const notice = $('hold-notice');
  clearInterval(timer);
  const tick = () => {
    const endsAt = holdEndsAt(passkeys, holdSeconds);
    notice.hidden = endsAt === null;
    notice.textContent = endsAt ? holdMessage(endsAt, holdSeconds) : '';
    if (endsAt === null) clearInterval(timer);
  };
  tick();
  if (!notice.hidden) timer = setInterval(tick, 1000);
}
