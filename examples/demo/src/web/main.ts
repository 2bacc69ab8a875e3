import { createPasskeyClient } from '@acme/passkey-client';
import { createActivity } from './activity';
import { api } from './api';
import { createAuthView } from './auth';
import { $, busy, tabKeys } from './dom';
import { friendlyError } from './messages';
import { createP2P } from './p2p';
import { createSecurityCenter } from './security';
import { keepTimesCurrent } from './times';
import { clearToast, toast, wireToast } from './toast';

const passkeys = createPasskeyClient({ baseUrl: '/api/passkeys' });

// The demo's settings, loaded at start.
let releaseHoldSeconds = 0;

const activity = createActivity({ remove: (passkeyId) => security.askRemove(passkeyId) });
const security = createSecurityCenter({
  passkeys,
  onRefresh: (list) => void activity.refresh(list),
  releaseHoldSeconds: () => releaseHoldSeconds,
  onSignedOut: (message) => {
    upgrade?.abort();
    enterAuth(message);
  },
});
const p2p = createP2P({
  passkeys,
  passkeyList: async () => {
    await security.refresh();
    return security.list();
  },
  releaseHoldSeconds: () => releaseHoldSeconds,
  addPasskey: () => {
    showTab('security');
    void security.add();
  },
});
const auth = createAuthView({
  passkeys,
  onSignedIn: (how) => {
    void enterHome().then(() => {
      // Where the user goes on from: not the body, which a screen reader reads from the top.
      if (!openLink()) security.focusHeading();
      if (how === 'password') startUpgrade();
    });
  },
});

/**
 * The passkey pages named in `/.well-known/passkey-endpoints`, which password managers open:
 * `/security` (manage) and `/security/passkeys/new` (enroll, "Add a passkey"). Signed out, the
 * page asks to sign in first and goes there after. Returns whether a link was followed.
 */
function openLink(): boolean {
  const path = location.pathname.replace(/\/+$/, '');
  if (path !== '/security' && path !== '/security/passkeys/new') return false;
  history.replaceState(null, '', '/security');
  showTab('security');
  if (path === '/security/passkeys/new') void security.add();
  else security.focusHeading();
  return true;
}

// Automatic passkey upgrade: right after a password log-in, the browser's password manager may
// create a passkey without a prompt (where it supports conditional create). Quiet otherwise.
let upgrade: AbortController | null = null;
function startUpgrade() {
  upgrade?.abort();
  const controller = new AbortController();
  upgrade = controller;
  void passkeys.upgrade({ signal: controller.signal }).then(async (result) => {
    if (upgrade === controller) upgrade = null;
    if (result.status !== 'created') return;
    toast(`Your password manager saved a passkey: “${result.passkey.name}”`);
    await security.refresh();
  });
}

const pageTabs = tabKeys([$('nav-security'), $('nav-p2p')]);

// A toast confirms something on the screen the user leaves: it goes with that screen (on a
// phone it would cover the next one's buttons).
function showTab(tab: 'security' | 'p2p') {
  clearToast();
  pageTabs.select($(tab === 'security' ? 'nav-security' : 'nav-p2p'));
  $('panel-security').hidden = tab !== 'security';
  $('panel-p2p').hidden = tab !== 'p2p';
  if (tab === 'security') void security.showVerifiedAt();
  else void p2p.showHold();
}

async function enterHome() {
  const me = await api.me();
  if (!me.ok) return enterAuth();
  auth.hide();
  $('loading').hidden = true;
  $('current-user').textContent = me.data.user.username;
  // Shortened with an ellipsis on a narrow screen: the whole name on hover.
  $('who').title = `Signed in as ${me.data.user.username}`;
  $('avatar').textContent = me.data.user.username.slice(0, 1).toUpperCase();
  $('account-bar').hidden = false;
  $('view-home').hidden = false;
  showTab('security');
  await Promise.all([security.refresh(), p2p.refresh()]);
}

function enterAuth(message?: string) {
  clearToast();
  $('loading').hidden = true;
  $('account-bar').hidden = true;
  $('view-home').hidden = true;
  auth.show(message);
}

$('nav-security').addEventListener('click', () => showTab('security'));
$('nav-p2p').addEventListener('click', () => showTab('p2p'));
$('sign-out').addEventListener('click', async () => {
  upgrade?.abort();
  await api.logout();
  enterAuth();
  $('username').focus();
});
$('sign-out-everywhere').addEventListener('click', async () => {
  upgrade?.abort();
  const result = await busy($<HTMLButtonElement>('sign-out-everywhere'), () => api.logoutEverywhere());
  if (!result.ok && result.error.code !== 'NOT_SIGNED_IN') return toast(friendlyError(result.error));
  enterAuth('You are signed out on every device, this one included.');
  $('username').focus();
});

async function boot() {
  const config = await api.config();
  if (config.ok) {
    $('storage-label').textContent = config.data.storage.label;
    $('rp-id').textContent = config.data.rpId;
    releaseHoldSeconds = config.data.releaseHoldSeconds;
  }
  const me = await api.me();
  if (me.ok) {
    await enterHome();
    openLink();
  } else enterAuth();
}

wireToast();
// "Last used just now" and "Last security verification: just now" stay true while the page is
// open; back on the tab, the list and the verification are fetched again.
keepTimesCurrent(() => {
  if ($('view-home').hidden) return;
  void security.refresh();
  void security.showVerifiedAt();
});

void boot();
