import type { PasskeyClient, PasskeyView } from '@acme/passkey-client';
import { $, busy, say } from './dom';
import { friendlyError, holdText } from './messages';
import { methodsOf, verifyAccount } from './verify-passkey';

/**
 * The removal of one passkey: the warning first (the dialog's description, so a screen reader
 * hears it with the title), a fresh verification when the server asks for one, then the removal.
 * `onRemoved` runs after it; `onKept` when the user keeps it (Keep it, Escape, a cancelled
 * verification), to put focus back on its row.
 */
export function createRemoveDialog(options: {
  passkeys: PasskeyClient;
  releaseHoldSeconds: () => number;
  onRemoved: (p: PasskeyView) => Promise<void>;
  onKept: (p: PasskeyView) => void;
}) {
  const { passkeys } = options;
  const dialog = $<HTMLDialogElement>('dialog-remove');
  const error = $('remove-error');
  const confirm = $<HTMLButtonElement>('remove-confirm');
  const signsOut = $('remove-signs-out');
  let removing: PasskeyView | null = null;
  let done = false;
  // Closed for the verification: not kept yet.
  let verifying = false;

  // Only what shows is read out: the sign-out sentence joins the description when it applies.
  const describe = () =>
    dialog.setAttribute(
      'aria-describedby',
      ['remove-warning', 'remove-consequence', signsOut.hidden ? '' : 'remove-signs-out']
        .filter(Boolean)
        .join(' '),
    );

  confirm.addEventListener('click', async () => {
    const p = removing;
    if (!p) return;
    let result = await busy(confirm, () => passkeys.remove(p.id, { confirm: true }));
    if (result.status === 'error' && result.error.code === 'STEP_UP_REQUIRED') {
      // Removing lowers the account's security: it needs a fresh verification too.
      verifying = true;
      dialog.close();
      const verified = await verifyAccount(passkeys, methodsOf(result.error));
      verifying = false;
      if (!verified) {
        removing = null;
        return options.onKept(p);
      }
      dialog.showModal();
      result = await busy(confirm, () => passkeys.remove(p.id, { confirm: true }));
    }
    if (result.status !== 'ok') return say(error, friendlyError(result.error));
    done = true;
    dialog.close();
    await options.onRemoved(p);
  });
  $('remove-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    if (verifying) return;
    const p = removing;
    removing = null;
    if (p && !done) options.onKept(p);
  });

  return {
    /** Opens the removal of `p`; `signsOutHere`: this session was opened with it. */
    async open(p: PasskeyView, signsOutHere: boolean) {
      removing = p;
      done = false;
      $('remove-name').textContent = p.name;
      say(error, null);
      const impact = await passkeys.removalImpact(p.id);
      $('remove-impact').textContent =
        impact.status !== 'ok'
          ? ''
          : impact.lastPasskey
            ? `This is your last passkey: afterwards you will sign in with your password only, and P2P releases will need a new passkey${holdText(options.releaseHoldSeconds())}.`
            : `You will have ${impact.remaining} passkey${impact.remaining === 1 ? '' : 's'} left.`;
      signsOut.hidden = !signsOutHere;
      describe();
      dialog.showModal();
      $('remove-cancel').focus();
    },
  };
}
