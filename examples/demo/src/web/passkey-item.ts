import type { PasskeyView } from '@acme/passkey-client';
import { make } from './dom';
import { providerLine, syncLabel } from './messages';
import { agoTime, formatDate } from './times';

const ICONS = {
  device:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="4" width="18" height="12" rx="2"/><path d="M2 20h20"/></svg>',
  phone:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><rect x="6" y="2" width="12" height="20" rx="2"/><path d="M10 18h4"/></svg>',
  key: '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="8" cy="12" r="4"/><path d="M12 12h9m-3 0v3m-3-3v2"/></svg>',
  cloud:
    '<svg class="icon icon-sm" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 9.5 4.25 4.25 0 0 0 7 18z"/></svg>',
};

const iconOf = (p: PasskeyView) =>
  p.attachment !== 'cross-platform'
    ? ICONS.device
    : p.transports.includes('hybrid')
      ? ICONS.phone
      : ICONS.key;

/**
 * One passkey of the list: its name (and "Signed in here"), its device line — what keeps it and
 * whether it is synced or bound to that device — when it was created and last used, and its
 * Rename and Remove buttons. The row itself takes focus (tabindex -1) when an action lands on it.
 */
export function passkeyItem(
  p: PasskeyView,
  options: { signedInHere: boolean; onRename: (li: HTMLLIElement) => void; onRemove: () => void },
): HTMLLIElement {
  const li = make('li', { className: 'passkey', testId: 'passkey-item' });
  li.dataset.id = p.id;
  li.tabIndex = -1;
  const icon = make('span', { className: 'passkey-icon' });
  icon.innerHTML = iconOf(p);

  const body = make('div', { className: 'passkey-body' });
  const title = make('div', { className: 'passkey-title' });
  title.append(make('span', { className: 'passkey-name', text: p.name, testId: 'passkey-name' }));
  if (options.signedInHere) {
    title.append(
      make('span', { className: 'badge badge-here', text: 'Signed in here', testId: 'passkey-this-session' }),
    );
  }

  const device = make('div', { className: 'passkey-device', testId: 'passkey-device' });
  const provider = providerLine(p);
  if (provider) device.append(make('span', { text: provider, testId: 'passkey-provider' }));
  const sync = make('span', {
    className: p.synced ? 'sync sync-on' : 'sync',
    testId: p.synced ? 'passkey-synced' : 'passkey-not-synced',
  });
  if (p.synced) sync.innerHTML = ICONS.cloud;
  sync.append(p.synced ? ` ${syncLabel(p)}` : syncLabel(p));
  sync.title = p.synced
    ? 'Kept in your account: it works on your other devices signed in to it'
    : 'Kept on this authenticator only: it never leaves it';
  device.append(sync);

  const meta = make('div', { className: 'passkey-meta' });
  const created = make('span', { text: `Created ${formatDate(p.createdAt)}`, testId: 'passkey-created' });
  const used = make('span', { testId: 'passkey-last-used' });
  if (p.lastUsedAt) used.append('Last used ', agoTime(p.lastUsedAt));
  else used.textContent = 'Never used';
  meta.append(created, used);
  body.append(title, device, meta);

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
  rename.addEventListener('click', () => options.onRename(li));
  remove.addEventListener('click', () => options.onRemove());
  actions.append(rename, remove);

  li.append(icon, body, actions);
  return li;
}
