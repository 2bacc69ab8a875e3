import { api } from './api';
import { $, busy, say } from './dom';
import { friendlyError } from './messages';

/**
 * "Complete the security verification": asks for the password again. Resolves `true` once the
 * server has marked the session freshly verified, `false` if the user cancels.
 */
export function reverify(): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('dialog-verify');
  const form = $<HTMLFormElement>('verify-form');
  const input = $<HTMLInputElement>('verify-password');
  const error = $('verify-error');
  const submit = $<HTMLButtonElement>('verify-submit');
  input.value = '';
  // For password managers: whose password this is.
  $<HTMLInputElement>('verify-username').value = $('current-user').textContent ?? '';
  say(error, null);

  return new Promise((resolve) => {
    let verified = false;
    const onSubmit = async (event: SubmitEvent) => {
      event.preventDefault();
      if (!input.value) return say(error, 'Enter your password.');
      const result = await busy(submit, () => api.verify(input.value));
      if (!result.ok) {
        say(error, friendlyError(result.error, { WRONG_CREDENTIALS: 'That password is not right.' }));
        input.select();
        return;
      }
      verified = true;
      dialog.close();
    };
    const onCancel = () => dialog.close();
    const onClose = () => {
      form.removeEventListener('submit', onSubmit);
      $('verify-cancel').removeEventListener('click', onCancel);
      input.value = '';
      resolve(verified);
    };
    form.addEventListener('submit', onSubmit);
    $('verify-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('close', onClose, { once: true });
    dialog.showModal();
    input.focus();
  });
}
