import type { AuthenticatorChoice, PasskeyClient, PasskeyView, RegisterResult } from '@acme/passkey-client';
import { $, fieldError, say } from './dom';
import { friendlyError, nameMessage } from './messages';
import { nameProblem } from './rename';
import { methodsOf, verifyAccount } from './verify-passkey';

function registerMessage(result: Exclude<RegisterResult, { status: 'created' }>): string {
  switch (result.status) {
    case 'cancelled':
      return 'The prompt was closed, so no passkey was created. Choose an option to try again.';
    case 'already-registered':
      return 'This device or key already holds a passkey for your account. Choose another one.';
    case 'unsupported':
      return 'This browser or device cannot create this kind of passkey. Try another option.';
    case 'misconfigured':
      return `Passkeys are not set up right on this site: ${result.message}`;
    case 'aborted':
      return 'The request was interrupted. Choose an option to try again.';
    case 'error':
      return friendlyError(result.error);
  }
}

/**
 * "Create a passkey": an optional name, then where to keep it — this device (offered only where
 * the browser has a platform authenticator), another device by QR, or a security key. Cancel (or
 * Escape) aborts a pending creation, so a key plugged in afterwards creates nothing. When the
 * server asks for a fresh verification midway, the user verifies and the same choice and name go
 * on. `onClosed` runs when the dialog closes without a new passkey.
 */
export function createCreateDialog(options: {
  passkeys: PasskeyClient;
  onCreated: (passkey: PasskeyView) => Promise<void>;
  onLimit: () => Promise<void>;
  onClosed: () => void;
}) {
  const { passkeys } = options;
  const dialog = $<HTMLDialogElement>('dialog-enable');
  const error = $('enable-error');
  const progress = $('enable-progress');
  const name = $<HTMLInputElement>('create-name');
  const nameError = $('create-name-error');
  const hint = $('create-name-hint');
  const choices = [...dialog.querySelectorAll<HTMLButtonElement>('[data-choice]')];
  let pending: AbortController | null = null;
  // Closed for a verification, or after creating: not a cancellation.
  let handedOn = false;

  const setChoosing = (on: boolean) => {
    progress.hidden = !on;
    for (const c of choices) c.disabled = on;
  };

  async function create(authenticator: AuthenticatorChoice): Promise<void> {
    say(error, null);
    const problem = name.value.trim() === '' ? null : nameProblem(name.value);
    fieldError(name, nameError, problem && nameMessage(problem), hint);
    if (problem) return name.focus();
    const controller = new AbortController();
    pending = controller;
    setChoosing(true);
    const typed = name.value.trim();
    const result = await passkeys.register({
      authenticator,
      ...(typed ? { name: typed } : {}),
      signal: controller.signal,
    });
    if (pending === controller) pending = null;
    setChoosing(false);
    // Cancelled here: the dialog is closed already and nothing was created.
    if (controller.signal.aborted) return;
    if (result.status === 'created') {
      handedOn = true;
      dialog.close();
      return options.onCreated(result.passkey);
    }
    if (result.status === 'error' && result.error.code === 'STEP_UP_REQUIRED') {
      // The verification went stale midway: verify, then go on with the same choice and name.
      handedOn = true;
      dialog.close();
      if (!(await verifyAccount(passkeys, methodsOf(result.error)))) return options.onClosed();
      show();
      return create(authenticator);
    }
    if (result.status === 'error' && result.error.code === 'PASSKEY_LIMIT_REACHED') {
      handedOn = true;
      dialog.close();
      return options.onLimit();
    }
    if (result.status === 'error' && result.error.code === 'INVALID_NAME') {
      const reason = (result.error.details as { reason?: unknown } | undefined)?.reason;
      fieldError(name, nameError, nameMessage(reason), hint);
      return name.focus();
    }
    say(error, registerMessage(result));
  }

  function show() {
    handedOn = false;
    dialog.showModal();
  }

  for (const choice of choices) {
    choice.addEventListener('click', () => void create(choice.dataset.choice as AuthenticatorChoice));
  }
  $('enable-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    pending?.abort();
    pending = null;
    setChoosing(false);
    if (!handedOn) options.onClosed();
  });

  return {
    /** Opens the dialog, empty; "This device" only where the browser can keep a passkey itself. */
    async open() {
      const platform = (await passkeys.capabilities()).platformAuthenticator;
      $('choice-this-device').hidden = !platform;
      $('no-platform-notice').hidden = platform;
      name.value = '';
      fieldError(name, nameError, null, hint);
      say(error, null);
      setChoosing(false);
      show();
      name.focus();
    },
  };
}
