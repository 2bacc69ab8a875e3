import type { PasskeyClient, SignInResult } from '@acme/passkey-client';
import { passwordProblem, usernameProblem } from '../common/rules';
import { api } from './api';
import { $, busy, fieldError, say, tabKeys } from './dom';
import { friendlyError, passwordMessage, usernameMessage } from './messages';

type Mode = 'login' | 'signup';

const CANCELLED = 'No passkey was used. Log in with your password instead.';
const REMOVED =
  'That passkey is no longer linked to your account, so your browser will stop offering it. Log in with your password instead.';

/**
 * The signed-out view: password log-in and sign-up, "Sign in with a passkey", and passkey
 * autofill on the username field. Autofill (conditional mediation) starts when the view shows
 * and is aborted as soon as the user does something else.
 */
export function createAuthView(options: {
  passkeys: PasskeyClient;
  /** `how`: a password log-in may be followed by the automatic passkey upgrade. */
  onSignedIn: (how: 'password' | 'signup' | 'passkey') => void;
}) {
  const { passkeys } = options;
  const view = $('view-auth');
  const form = $<HTMLFormElement>('auth-form');
  const username = $<HTMLInputElement>('username');
  const password = $<HTMLInputElement>('password');
  const error = $('auth-error');
  const notice = $('auth-notice');
  const usernameHint = $('username-hint');
  const passwordHint = $('password-hint');
  const usernameError = $('username-error');
  const passwordError = $('password-error');
  const loginButton = $<HTMLButtonElement>('login-password');
  const signupButton = $<HTMLButtonElement>('signup-submit');
  const passkeyButton = $<HTMLButtonElement>('signin-passkey');
  const otherDeviceButton = $<HTMLButtonElement>('signin-other-device');
  const tabs = tabKeys([$('tab-login'), $('tab-signup')]);
  let mode: Mode = 'login';
  let autofill: AbortController | null = null;

  const stopAutofill = () => {
    autofill?.abort();
    autofill = null;
  };

  const startAutofill = () => {
    stopAutofill();
    if (view.hidden || mode !== 'login') return;
    const controller = new AbortController();
    autofill = controller;
    void passkeys.signIn({ mediation: 'conditional', signal: controller.signal }).then((result) => {
      if (autofill === controller) autofill = null;
      // Quiet outcomes: the user went another way, or this browser has no autofill for passkeys.
      if (['aborted', 'cancelled', 'unsupported', 'misconfigured'].includes(result.status)) return;
      handleSignIn(result);
    });
  };

  function handleSignIn(result: SignInResult) {
    switch (result.status) {
      case 'signed-in':
        return options.onSignedIn('passkey');
      case 'cancelled':
        say(notice, CANCELLED);
        return password.focus();
      case 'unsupported':
        say(notice, 'This browser cannot use a passkey here. Log in with your password instead.');
        return password.focus();
      case 'aborted':
        return;
      case 'misconfigured':
        return say(error, `Passkeys are not set up right on this site: ${result.message}`);
      case 'error':
        if (result.error.code === 'CREDENTIAL_NOT_FOUND') {
          say(notice, REMOVED);
          return password.focus();
        }
        return say(error, friendlyError(result.error));
    }
  }

  function setMode(next: Mode) {
    mode = next;
    const login = next === 'login';
    tabs.select($(login ? 'tab-login' : 'tab-signup'));
    $('auth-title').textContent = login ? 'Log in' : 'Create an account';
    loginButton.hidden = !login;
    signupButton.hidden = login;
    $('passkey-signin').hidden = !login;
    usernameHint.hidden = login;
    passwordHint.hidden = login;
    password.autocomplete = login ? 'current-password' : 'new-password';
    showFieldErrors({});
    say(error, null);
    say(notice, null);
    if (login) startAutofill();
    else stopAutofill();
  }

  /** Every field's error at once (`{}` clears them); a field without one is valid again. */
  function showFieldErrors(errors: { username?: string; password?: string }) {
    fieldError(username, usernameError, errors.username ?? null, usernameHint);
    fieldError(password, passwordError, errors.password ?? null, passwordHint);
  }

  /** The fields' errors before sending: what is missing, and for a new account the rules. */
  function check(name: string): { username?: string; password?: string } {
    if (mode === 'login') {
      return {
        ...(name ? {} : { username: 'Enter your username.' }),
        ...(password.value ? {} : { password: 'Enter your password.' }),
      };
    }
    const u = usernameProblem(name);
    const p = passwordProblem(password.value);
    return {
      ...(u ? { username: usernameMessage(u) } : {}),
      ...(p ? { password: passwordMessage(p) } : {}),
    };
  }

  // Editing a field clears its error: the next submit checks it again.
  for (const [input, hint, fieldErr] of [
    [username, usernameHint, usernameError],
    [password, passwordHint, passwordError],
  ] as const) {
    input.addEventListener('input', () => {
      if (input.getAttribute('aria-invalid') === 'true') fieldError(input, fieldErr, null, hint);
    });
  }

  $('tab-login').addEventListener('click', () => setMode('login'));
  $('tab-signup').addEventListener('click', () => setMode('signup'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    stopAutofill();
    say(error, null);
    say(notice, null);
    const button = mode === 'login' ? loginButton : signupButton;
    const name = username.value.trim();
    const errors = check(name);
    showFieldErrors(errors);
    if (errors.username || errors.password) {
      (errors.username ? username : password).focus();
      if (mode === 'login') startAutofill();
      return;
    }
    const result = await busy(button, () =>
      mode === 'login' ? api.login(name, password.value) : api.signup(name, password.value),
    );
    if (result.ok) {
      password.value = '';
      return options.onSignedIn(mode === 'login' ? 'password' : 'signup');
    }
    // The server's refusals of one field go under that field; the rest above the button.
    const { code } = result.error;
    if (code === 'USERNAME_TAKEN' || code === 'INVALID_USERNAME') {
      showFieldErrors({
        username:
          code === 'USERNAME_TAKEN'
            ? 'This username is taken. Choose another one, or log in.'
            : usernameMessage(usernameProblem(name) ?? 'characters'),
      });
      username.focus();
    } else if (code === 'INVALID_PASSWORD') {
      showFieldErrors({ password: passwordMessage('too-short') });
      password.focus();
    } else {
      say(error, friendlyError(result.error, { WRONG_CREDENTIALS: 'Wrong username or password.' }));
    }
    if (mode === 'login') startAutofill();
  });

  // "Sign in with a passkey", or "Other sign in options → iPhone, iPad or Android device": the
  // browser goes straight to its QR code (the WebAuthn hint 'hybrid').
  for (const [button, authenticator] of [
    [passkeyButton, undefined],
    [otherDeviceButton, 'other-device'],
  ] as const) {
    button.addEventListener('click', async () => {
      stopAutofill();
      say(error, null);
      say(notice, null);
      const result = await busy(button, () => passkeys.signIn(authenticator ? { authenticator } : {}));
      handleSignIn(result);
      if (result.status !== 'signed-in') startAutofill();
    });
  }

  return {
    /** Shows the sign-in form, with a notice above it (e.g. why the user is signed out). */
    show(message?: string) {
      view.hidden = false;
      password.value = '';
      setMode('login');
      if (message) say(notice, message);
    },
    hide() {
      stopAutofill();
      view.hidden = true;
    },
  };
}
