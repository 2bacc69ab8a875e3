import type { PasskeyClient, PasskeyView } from '@acme/passkey-client';
import { api } from './api';
import { createCreateDialog } from './create-dialog';
import { $, busy, say } from './dom';
import { friendlyError } from './messages';
import { passkeyItem } from './passkey-item';
import { createRemoveDialog } from './remove-dialog';
import { startRename } from './rename';
import { agoTime } from './times';
import { toast } from './toast';
import { verifyAccount } from './verify-passkey';

/**
 * Security center → Passkeys: the list (name, device line, created, last used), inline rename,
 * removal with the warning, and "Enable passkey" with its re-verification and its choices. At the
 * limit the page says why it cannot add one. After each action focus lands where the user goes
 * on: the passkey made or renamed, the next one after a removal, else the Add button.
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
    // A row being renamed stays as it is, with what was typed and the focus: the list is fetched
    // again when the window comes back, which must not throw an edit away.
    const editing = new Map<string, HTMLLIElement>();
    for (const li of list.querySelectorAll<HTMLLIElement>('[data-testid="passkey-item"]')) {
      if (li.dataset.id && li.querySelector('[data-testid="rename-form"]')) editing.set(li.dataset.id, li);
    }
    const focused = document.activeElement;
    list.replaceChildren(
      ...current.map(
        (p) =>
          editing.get(p.id) ??
          passkeyItem(p, {
            signedInHere: p.id === sessionPasskey,
            onRename: (li) => startRename(li, p, { passkeys, onRenamed: renamed }),
            onRemove: () => void removal.open(p, p.id === sessionPasskey),
          }),
      ),
    );
    if (focused instanceof HTMLElement && focused.isConnected && document.activeElement !== focused)
      focused.focus();
  }

  const row = (id: string | undefined) =>
    id === undefined
      ? null
      : list.querySelector<HTMLElement>(`[data-testid="passkey-item"][data-id="${CSS.escape(id)}"]`);
  /** Focus on the first of these that is on the page, else on the Add button (or the heading). */
  const focusOn = (...targets: (HTMLElement | null | undefined)[]) =>
    (
      targets.find((t) => t?.isConnected) ?? (enableButton.disabled ? $('passkeys-heading') : enableButton)
    ).focus();

  async function renamed(p: PasskeyView) {
    toast(`Renamed to “${p.name}”`);
    await refresh();
    focusOn(row(p.id)?.querySelector<HTMLElement>('[data-testid="passkey-rename"]'));
  }

  const removal = createRemoveDialog({
    passkeys,
    releaseHoldSeconds: options.releaseHoldSeconds,
    onKept: (p) => focusOn(row(p.id)?.querySelector<HTMLElement>('[data-testid="passkey-remove"]')),
    async onRemoved(p) {
      if (p.id === sessionPasskey) {
        return options.onSignedOut(
          `“${p.name}” was removed. You had signed in with it, so you are signed out here too.`,
        );
      }
      const at = current.findIndex((c) => c.id === p.id);
      const next = current[at + 1] ?? current[at - 1];
      toast(`“${p.name}” was removed`);
      await refresh();
      focusOn(row(next?.id));
    },
  });

  const creation = createCreateDialog({
    passkeys,
    async onCreated(passkey) {
      toast(`Passkey “${passkey.name}” created`);
      await refresh();
      focusOn(row(passkey.id));
    },
    onLimit: refresh,
    onClosed: () => focusOn(),
  });

  async function enable() {
    const me = await api.me();
    if (!me.ok) return say(listError, friendlyError(me.error));
    const { done, methods } = me.data.accountVerification;
    if (!done && !(await verifyAccount(passkeys, methods))) return false;
    await creation.open();
    return true;
  }

  // A cancelled verification leaves focus nowhere (the button was busy): it goes back to the button.
  const add = () =>
    busy(enableButton, enable).then((opened) => {
      render();
      if (opened !== true) focusOn();
    });
  enableButton.addEventListener('click', () => void add());

  return {
    refresh,
    /** "Add a passkey": the re-verification when needed, then the choices. */
    add,
    async showVerifiedAt() {
      const me = await api.me();
      const el = $('verified-at');
      el.replaceChildren();
      if (me.ok && me.data.verifiedAt) {
        el.append('Last security verification: ', agoTime(new Date(me.data.verifiedAt)), '.');
      }
    },
    /** Opens the removal of one of the user's passkeys (its warning first). */
    askRemove(passkeyId: string) {
      const p = current.find((c) => c.id === passkeyId);
      if (p) void removal.open(p, p.id === sessionPasskey);
    },
    /** Puts focus on the list's heading: where the user lands after signing in. */
    focusHeading: () => $('passkeys-heading').focus(),
    /** The user's passkeys (known after `refresh`). */
    list: (): readonly PasskeyView[] => current,
  };
}
