import type { PasskeyClient, PasskeyView } from '@acme/passkey-client';
import { validatePasskeyName } from '@acme/passkey-core';
import { busy, fieldError, make } from './dom';
import { friendlyError, nameMessage } from './messages';

/**
 * The reason the server's name rule (core's `validatePasskeyName`) would give for `name`, or null
 * when it takes it: checked on the page first, so a name of spaces is told it is empty and a
 * passkey is never created on the authenticator under a name the server then refuses.
 */
export function nameProblem(name: string): string | null {
  try {
    validatePasskeyName(name);
    return null;
  } catch (err) {
    return ((err as { details?: { reason?: string } }).details?.reason as string | undefined) ?? 'empty';
  }
}

/**
 * Inline rename of one passkey: Save sends the name, Escape or Cancel puts the row back with
 * focus on its Rename button. `onRenamed` gets the passkey as the server now has it.
 */
export function startRename(
  li: HTMLLIElement,
  p: PasskeyView,
  options: { passkeys: PasskeyClient; onRenamed: (passkey: PasskeyView) => Promise<void> },
): void {
  const form = make('form', { className: 'rename', testId: 'rename-form' });
  const input = make('input', { testId: 'rename-input' });
  input.id = `rename-${p.id}`;
  input.value = p.name;
  input.maxLength = 64;
  input.setAttribute('aria-label', `New name for ${p.name}`);
  const save = make('button', { className: 'btn btn-primary btn-sm', text: 'Save', testId: 'rename-save' });
  const cancel = make('button', {
    className: 'btn btn-ghost btn-sm',
    text: 'Cancel',
    testId: 'rename-cancel',
  });
  cancel.type = 'button';
  const error = make('p', { className: 'field-error', testId: 'rename-error' });
  error.id = `rename-error-${p.id}`;
  error.setAttribute('role', 'alert');
  error.hidden = true;
  form.append(input, save, cancel, error);
  const body = li.querySelector('.passkey-body') as HTMLElement;
  const actions = li.querySelector('.passkey-actions') as HTMLElement;
  body.hidden = actions.hidden = true;
  li.insertBefore(form, actions);
  input.focus();
  input.select();

  const close = () => {
    form.remove();
    body.hidden = actions.hidden = false;
    (li.querySelector('[data-testid="passkey-rename"]') as HTMLElement).focus();
  };
  cancel.addEventListener('click', close);
  input.addEventListener('keydown', (e) => e.key === 'Escape' && close());
  input.addEventListener('input', () => fieldError(input, error, null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = nameProblem(input.value);
    if (problem) {
      fieldError(input, error, nameMessage(problem));
      return input.focus();
    }
    const result = await busy(save, () => options.passkeys.rename(p.id, input.value));
    if (result.status !== 'ok') {
      const { code, details } = result.error;
      const reason = (details as { reason?: unknown } | undefined)?.reason;
      fieldError(input, error, code === 'INVALID_NAME' ? nameMessage(reason) : friendlyError(result.error));
      return input.focus();
    }
    // Done editing: the list drawn again next shows the new name, not this form.
    form.remove();
    await options.onRenamed(result.passkey);
  });
}
