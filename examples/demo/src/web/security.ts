import type { AuthenticatorChoice, PasskeyClient, PasskeyView, RegisterResult } from '@acme/passkey-client';
import { api } from './api';
import { $, busy, formatAgo, formatDate, make, say, toast } from './dom';
import { friendlyError, holdText, providerLine, syncLabel } from './messages';
import { methodsOf, verifyAccount } from './verify-passkey';

const ICONS = {
  device:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="4" width="18" height="12" rx="2"/><path d="M2 20h20"/></svg>',
  key: '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="8" cy="12" r="4"/><path d="M12 12h9m-3 0v3m-3-3v2"/></svg>',
  cloud:
    '<svg class="icon icon-sm" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 9.5 4.25 4.25 0 0 0 7 18z"/></svg>',
};

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
 * Security center → Passkeys: the list (name, provider, synced badge, created, last used),
 * inline rename, removal with the warning, and "Enable passkey" with its re-verification and
 * its three choices. At the limit the page says why it cannot add one.
 */
export function createSecurityCenter(options: {
  passkeys: PasskeyClient;
  /** The security hold on releases by a new passkey, in seconds (0: none). */
  releaseHoldSeconds: () => number;
  /** This session ended (its passkey was removed): back to the sign-in form, with why. */
  onSignedOut: (message: string) => void;
  /** After each refresh of the list (the activity follows it). */
  onRefresh: (passkeys: readonly PasskeyView[]) => void;
}) {
  const { passkeys } = options;
  const list = $('passkey-list');
  const enableButton = $<HTMLButtonElement>('enable-passkey');
  const listError = $('passkeys-error');
  let current: PasskeyView[] = [];
  let limit = 10;
  // The passkey this session was opened with, marked in the list.
  let sessionPasskey: string | null = null;

  async function refresh() {
    const [result, me] = await Promise.all([passkeys.list(), api.me()]);
    sessionPasskey = me.ok ? me.data.passkeyId : null;
    if (result.status !== 'ok') return say(listError, friendlyError(result.error));
    say(listError, null);
    current = result.passkeys;
    limit = result.limit;
    render();
    options.onRefresh(current);
  }

  function render() {
    const full = current.length >= limit;
    $('passkey-count').textContent = `${current.length} of ${limit}`;
    $('limit-value').textContent = String(limit);
    $('limit-notice').hidden = !full;
    $('passkeys-empty').hidden = current.length > 0;
    enableButton.textContent = current.length === 0 ? 'Enable passkey' : 'Add a passkey';
    enableButton.disabled = full;
    enableButton.title = full ? 'Remove a passkey first' : '';
    list.replaceChildren(...current.map(item));
  }

  function item(p: PasskeyView): HTMLLIElement {
    const li = make('li', { className: 'passkey', testId: 'passkey-item' });
    li.dataset.id = p.id;
    const icon = make('span', { className: 'passkey-icon' });
    icon.innerHTML = p.attachment === 'cross-platform' ? ICONS.key : ICONS.device;

    const body = make('div', { className: 'passkey-body' });
    const title = make('div', { className: 'passkey-title' });
    title.append(make('span', { className: 'passkey-name', text: p.name, testId: 'passkey-name' }));
    if (p.synced) {
      const badge = make('span', { className: 'badge badge-synced', testId: 'passkey-synced' });
      badge.innerHTML = ICONS.cloud;
      badge.append(` ${syncLabel(p)}`);
      title.append(badge);
    } else {
      title.append(make('span', { className: 'badge', text: syncLabel(p), testId: 'passkey-not-synced' }));
    }
    if (p.id === sessionPasskey) {
      title.append(
        make('span', {
          className: 'badge badge-here',
          text: 'Signed in here',
          testId: 'passkey-this-session',
        }),
      );
    }
    const meta = make('div', { className: 'passkey-meta' });
    const provider = providerLine(p);
    if (provider) meta.append(make('span', { text: provider, testId: 'passkey-provider' }));
    meta.append(
      make('span', { text: `Created ${formatDate(p.createdAt)}`, testId: 'passkey-created' }),
      make('span', {
        text: p.lastUsedAt ? `Last used ${formatAgo(p.lastUsedAt)}` : 'Never used',
        testId: 'passkey-last-used',
      }),
    );
    body.append(title, meta);

    const actions = make('div', { className: 'passkey-actions' });
    const rename = make('button', {
      className: 'btn btn-ghost btn-sm',
      text: 'Rename',
      testId: 'passkey-rename',
    });
    const remove = make('button', {
      className: 'btn btn-ghost btn-sm btn-danger-text',
      text: 'Remove',
      testId: 'passkey-remove',
    });
    rename.type = remove.type = 'button';
    rename.setAttribute('aria-label', `Rename ${p.name}`);
    remove.setAttribute('aria-label', `Remove ${p.name}`);
    rename.addEventListener('click', () => startRename(li, p));
    remove.addEventListener('click', () => void confirmRemove(p));
    actions.append(rename, remove);

    li.append(icon, body, actions);
    return li;
  }

  function startRename(li: HTMLLIElement, p: PasskeyView) {
    const form = make('form', { className: 'rename', testId: 'rename-form' });
    const input = make('input', { testId: 'rename-input' });
    input.value = p.name;
    input.maxLength = 64;
    input.setAttribute('aria-label', 'Passkey name');
    const save = make('button', { className: 'btn btn-primary btn-sm', text: 'Save', testId: 'rename-save' });
    const cancel = make('button', {
      className: 'btn btn-ghost btn-sm',
      text: 'Cancel',
      testId: 'rename-cancel',
    });
    cancel.type = 'button';
    const error = make('p', { className: 'field-error', testId: 'rename-error' });
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
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = await busy(save, () => passkeys.rename(p.id, input.value));
      if (result.status !== 'ok') {
        const message =
          result.error.code === 'INVALID_NAME'
            ? 'Names have 1 to 64 characters, without control characters.'
            : friendlyError(result.error);
        return say(error, message);
      }
      toast(`Renamed to “${result.passkey.name}”`);
      await refresh();
    });
  }

  // The removal dialog: one passkey at a time, listeners set once.
  const removeDialog = $<HTMLDialogElement>('dialog-remove');
  const removeError = $('remove-error');
  const removeConfirm = $<HTMLButtonElement>('remove-confirm');
  let removing: PasskeyView | null = null;

  async function confirmRemove(p: PasskeyView) {
    removing = p;
    $('remove-name').textContent = p.name;
    say(removeError, null);
    const impact = await passkeys.removalImpact(p.id);
    $('remove-impact').textContent =
      impact.status !== 'ok'
        ? ''
        : impact.lastPasskey
          ? `This is your last passkey: afterwards you will sign in with your password only, and P2P releases will need a new passkey${holdText(options.releaseHoldSeconds())}.`
          : `You will have ${impact.remaining} passkey${impact.remaining === 1 ? '' : 's'} left.`;
    // A session opened with this passkey ends with it (the server ends it).
    const here = $('remove-signs-out');
    here.hidden = p.id !== sessionPasskey;
    removeDialog.showModal();
    $('remove-cancel').focus();
  }

  removeConfirm.addEventListener('click', async () => {
    const p = removing;
    if (!p) return;
    let result = await busy(removeConfirm, () => passkeys.remove(p.id, { confirm: true }));
    if (result.status === 'error' && result.error.code === 'STEP_UP_REQUIRED') {
      // Removing lowers the account's security: it needs a fresh verification too.
      removeDialog.close();
      if (!(await verifyAccount(passkeys, methodsOf(result.error)))) return;
      removeDialog.showModal();
      result = await busy(removeConfirm, () => passkeys.remove(p.id, { confirm: true }));
    }
    if (result.status !== 'ok') return say(removeError, friendlyError(result.error));
    removing = null;
    removeDialog.close();
    if (p.id === sessionPasskey) {
      return options.onSignedOut(
        `“${p.name}” was removed. You had signed in with it, so you are signed out here too.`,
      );
    }
    toast(`“${p.name}” was removed`);
    await refresh();
  });
  $('remove-cancel').addEventListener('click', () => removeDialog.close());

  // The enable dialog: three choices, listeners set once.
  const enableDialog = $<HTMLDialogElement>('dialog-enable');
  const enableError = $('enable-error');
  const enableProgress = $('enable-progress');
  const choices = [...enableDialog.querySelectorAll<HTMLButtonElement>('[data-choice]')];

  async function enable() {
    const me = await api.me();
    if (!me.ok) return say(listError, friendlyError(me.error));
    const { done, methods } = me.data.accountVerification;
    if (!done && !(await verifyAccount(passkeys, methods))) return;
    openChoices();
  }

  function openChoices() {
    say(enableError, null);
    enableProgress.hidden = true;
    enableDialog.showModal();
    choices[0]?.focus();
  }

  const setChoosing = (on: boolean) => {
    enableProgress.hidden = !on;
    for (const c of choices) c.disabled = on;
  };

  for (const choice of choices) {
    choice.addEventListener('click', async () => {
      const authenticator = choice.dataset.choice as AuthenticatorChoice;
      say(enableError, null);
      setChoosing(true);
      const result = await passkeys.register({ authenticator });
      setChoosing(false);
      if (result.status === 'created') {
        enableDialog.close();
        toast(`Passkey “${result.passkey.name}” created`);
        return refresh();
      }
      if (result.status === 'error' && result.error.code === 'STEP_UP_REQUIRED') {
        enableDialog.close();
        if (await verifyAccount(passkeys, methodsOf(result.error))) openChoices();
        return;
      }
      if (result.status === 'error' && result.error.code === 'PASSKEY_LIMIT_REACHED') {
        enableDialog.close();
        return refresh();
      }
      say(enableError, registerMessage(result));
    });
  }
  $('enable-cancel').addEventListener('click', () => enableDialog.close());

  const add = () => busy(enableButton, enable).then(render);
  enableButton.addEventListener('click', () => void add());

  return {
    refresh,
    /** "Add a passkey": the re-verification when needed, then the three choices. */
    add,
    async showVerifiedAt() {
      const me = await api.me();
      const el = $('verified-at');
      el.textContent =
        me.ok && me.data.verifiedAt
          ? `Last security verification: ${formatAgo(new Date(me.data.verifiedAt))}.`
          : '';
    },
    /** Opens the removal of one of the user's passkeys (its warning first). */
    askRemove(passkeyId: string) {
      const p = current.find((c) => c.id === passkeyId);
      if (p) void confirmRemove(p);
    },
    /** The user's passkeys (known after `refresh`). */
    list: (): readonly PasskeyView[] => current,
  };
}
