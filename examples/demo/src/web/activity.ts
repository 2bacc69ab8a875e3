import type { PasskeyView } from '@acme/passkey-client';
import { type Activity, api } from './api';
import { $, make } from './dom';
import { activityLabel } from './messages';
import { agoTime } from './times';

// A new passkey is pointed out for a day, unless the user says it was them.
const NOTICE_HOURS = 24;
const DISMISSED = 'demo.new-passkey-notices-dismissed';

function dismissed(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(DISMISSED) ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** The newest passkey added in the last day that is still there and not waved off, with its line. */
export function newPasskey(
  activity: readonly Activity[],
  passkeys: readonly PasskeyView[],
  waved: readonly string[],
  now = new Date(),
) {
  const added = activity.find((a) => a.type === 'passkey.added');
  if (!added || waved.includes(added.passkey.id)) return null;
  if (now.getTime() - new Date(added.at).getTime() > NOTICE_HOURS * 3600_000) return null;
  return passkeys.some((p) => p.id === added.passkey.id) ? added : null;
}

/**
 * "Recent security activity" (passkeys added, renamed, removed, releases approved, with time and
 * browser), and after a new passkey the notice "Not you? Remove it", which opens its removal.
 */
export function createActivity(options: { remove: (passkeyId: string) => void }) {
  const notice = $('new-passkey-notice');
  let shown: Activity | null = null;

  $('new-passkey-remove').addEventListener('click', () => shown && options.remove(shown.passkey.id));
  $('new-passkey-dismiss').addEventListener('click', () => {
    if (shown) localStorage.setItem(DISMISSED, JSON.stringify([...dismissed(), shown.passkey.id].slice(-50)));
    notice.hidden = true;
  });

  function item(a: Activity): HTMLLIElement {
    const li = make('li', { testId: 'activity-item' });
    li.dataset.type = a.type;
    const when = agoTime(new Date(a.at));
    const meta = make('span', { className: 'activity-meta', testId: 'activity-meta' });
    meta.append(a.device ? `${a.device} · ` : '', when);
    li.append(make('span', { text: activityLabel(a), testId: 'activity-what' }), meta);
    return li;
  }

  return {
    /** Loads the activity again; `passkeys` are the account's current ones. */
    async refresh(passkeys: readonly PasskeyView[]) {
      const result = await api.activity();
      if (!result.ok) return;
      const { activity } = result.data;
      $('activity-empty').hidden = activity.length > 0;
      $('activity-list').replaceChildren(...activity.map(item));
      shown = newPasskey(activity, passkeys, dismissed());
      notice.hidden = shown === null;
      if (shown) {
        const from = shown.device ? ` from ${shown.device}` : '';
        // Its name now, as the list shows it (it may have been renamed since).
        const id = shown.passkey.id;
        const name = passkeys.find((p) => p.id === id)?.name ?? shown.passkey.name;
        $('new-passkey-text').replaceChildren(
          `A passkey “${name}” was added to your account `,
          agoTime(new Date(shown.at)),
          `${from}.`,
        );
      }
    },
  };
}
