import type { PasskeyClient } from '@acme/passkey-client';
import { $, busy, say } from './dom';
import { friendlyError } from './messages';
import { reverify } from './reverify';

/** The step-up action of the security verification (the server marks the session with it). */
export const ACCOUNT_VERIFY = 'account.verify';

/**
 * "Confirm it's you with a passkey": once the account has a passkey, adding or removing one takes
 * a passkey step-up for `account.verify` (over `{}`), not the password, which may be stolen.
 * Resolves `true` once the server has marked the session, `false` if the user cancels.
 */
export function verifyWithPasskey(passkeys: PasskeyClient): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('dialog-verify-passkey');
  const error = $('verify-passkey-error');
  const submit = $<HTMLButtonElement>('verify-passkey-submit');
  say(error, null);

  return new Promise((resolve) => {
    let verified = false;
    const onSubmit = async () => {
      say(error, null);
      const result = await busy(submit, () => passkeys.stepUp({ action: ACCOUNT_VERIFY, details: {} }));
      if (result.status === 'verified') {
        verified = true;
        return dialog.close();
      }
      say(error, failure(result));
    };
    const onCancel = () => dialog.close();
    dialog.addEventListener(
      'close',
      () => {
        submit.removeEventListener('click', onSubmit);
        $('verify-passkey-cancel').removeEventListener('click', onCancel);
        resolve(verified);
      },
      { once: true },
    );
    submit.addEventListener('click', onSubmit);
    $('verify-passkey-cancel').addEventListener('click', onCancel);
    dialog.showModal();
    submit.focus();
  });
}

function failure(
  result: Exclude<Awaited<ReturnType<PasskeyClient['stepUp']>>, { status: 'verified' }>,
): string {
  switch (result.status) {
    case 'cancelled':
      return 'No passkey was used. Try again with one of the passkeys listed in your Security center.';
    case 'unsupported':
      return 'This browser cannot use a passkey here. Try on the device that holds your passkey.';
    case 'misconfigured':
      return `Passkeys are not set up right on this site: ${result.message}`;
    case 'aborted':
      return 'The request was interrupted. Try again.';
    case 'error':
      return result.error.code === 'CREDENTIAL_NOT_FOUND'
        ? 'That passkey is not one of your account’s. Use one listed in your Security center.'
        : friendlyError(result.error);
  }
}

/**
 * The security verification a change of passkeys needs, as the server says (`methods` of
 * `STEP_UP_REQUIRED` or of `/api/account/me`): the password for a first passkey, else a passkey.
 */
export function verifyAccount(passkeys: PasskeyClient, methods: readonly string[]): Promise<boolean> {
  return methods.includes('password') ? reverify() : verifyWithPasskey(passkeys);
}

/** The `methods` of a `STEP_UP_REQUIRED` refusal; the passkey when it says none. */
export function methodsOf(error: { details?: unknown }): string[] {
  const methods = (error.details as { methods?: unknown } | undefined)?.methods;
  return Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : ['passkey'];
}
