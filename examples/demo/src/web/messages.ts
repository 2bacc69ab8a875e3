/**
 * What the page says: labels of the passkey list and the wording of errors. No DOM here, so the
 * unit tests check it directly.
 */
import type { PasskeyView } from '@acme/passkey-client';
import {
  AMOUNT_MAX_DECIMALS,
  AMOUNT_MAX_INTEGER_DIGITS,
  type AmountProblem,
  amountProblem,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type passwordProblem,
  type usernameProblem,
} from '../common/rules';
import type { Activity, ApiError } from './api';

const ACTIVITY: Record<Activity['type'], (name: string) => string> = {
  'passkey.added': (name) => `Passkey added: “${name}”`,
  'passkey.removed': (name) => `Passkey removed: “${name}”`,
  'passkey.renamed': (name) => `Passkey renamed to “${name}”`,
  'release.approved': (name) => `P2P release approved with “${name}”`,
};

/** What one line of the security activity says happened. */
export const activityLabel = (a: Pick<Activity, 'type' | 'passkey'>) => ACTIVITY[a.type](a.passkey.name);

/** Where a passkey lives: synced to a cloud account, or bound to one authenticator. */
export const syncLabel = (p: Pick<PasskeyView, 'synced'>) => (p.synced ? 'Synced' : 'Device-bound');

/**
 * What keeps a passkey, for its device line: its provider ("iCloud Keychain") when known, else
 * the kind of authenticator ("Phone or tablet" over QR, "Security key", "Built-in
 * authenticator"); `null` when unknown, or when the name already starts with it (the server names
 * new passkeys after their provider or kind: "Security key (2)", "Phone or tablet (QR)").
 */
export function providerLine(
  p: Pick<PasskeyView, 'name' | 'provider' | 'attachment'> & { transports?: readonly string[] },
): string | null {
  const line = p.provider
    ? p.provider.name
    : p.attachment === 'platform'
      ? 'Built-in authenticator'
      : p.attachment === 'cross-platform'
        ? p.transports?.includes('hybrid')
          ? 'Phone or tablet'
          : 'Security key'
        : null;
  if (line === null) return null;
  return p.name.toLowerCase().startsWith(line.toLowerCase()) ? null : line;
}

const NAME: Record<string, string> = {
  empty: 'Enter a name: it cannot be only spaces.',
  'not-text': 'Enter a name: it cannot be only spaces.',
  'too-long': 'Use at most 64 characters.',
  characters: 'Use letters, digits, spaces and punctuation only, without control or invisible characters.',
};

/** Why a passkey name was refused (`details.reason` of `INVALID_NAME`), in the page's words. */
export const nameMessage = (reason: unknown) =>
  NAME[typeof reason === 'string' ? reason : ''] ?? 'Enter a name of 1 to 64 characters.';

const AMOUNT: Record<AmountProblem, string> = {
  empty: 'Enter an amount, such as 0.015.',
  format: 'Enter the amount in digits, with a point for decimals, such as 0.015.',
  'leading-zero': 'Enter the amount without leading zeros, such as 0.5 or 15.',
  zero: 'Enter an amount greater than 0.',
  'too-large': `Enter at most ${AMOUNT_MAX_INTEGER_DIGITS} digits before the decimal point.`,
  'too-precise': `Enter at most ${AMOUNT_MAX_DECIMALS} digits after the decimal point.`,
};

/** What the page says about an amount it will not send. */
export const amountMessage = (problem: AmountProblem) => AMOUNT[problem];

const USERNAME: Record<NonNullable<ReturnType<typeof usernameProblem>>, string> = {
  empty: 'Enter a username.',
  'too-short': 'Use at least 3 characters.',
  'too-long': 'Use at most 64 characters.',
  characters: 'Use only letters, digits and . _ @ -',
};
const PASSWORD: Record<NonNullable<ReturnType<typeof passwordProblem>>, string> = {
  empty: 'Enter a password.',
  'too-short': `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  'too-long': `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
};

export const usernameMessage = (problem: keyof typeof USERNAME) => USERNAME[problem];
export const passwordMessage = (problem: keyof typeof PASSWORD) => PASSWORD[problem];

// Errors any request may meet, in the page's words.
const COMMON: Record<string, string> = {
  NETWORK_ERROR: 'The server cannot be reached. Check that the demo is running, then try again.',
  NOT_SIGNED_IN: 'You are signed out: this session has ended. Reload the page and log in again.',
  INTERNAL_ERROR: 'Something went wrong on the server. Try again.',
  CROSS_SITE_REQUEST: 'This request came from another site, so it was refused.',
  UNSUPPORTED_MEDIA_TYPE: 'The page sent a request the server does not accept. Reload the page.',
  BODY_TOO_LARGE: 'The page sent more than the server accepts. Shorten what you typed and try again.',
};

/** " (which can approve them 1 minute after it is added)": the security hold, or nothing without one. */
export function holdText(seconds: number): string {
  if (seconds <= 0) return '';
  return ` (which can approve them ${durationText(seconds)} after it is added)`;
}

/** "1 minute", "90 seconds", "2 hours", "1 day": a length of time in its largest whole unit. */
export function durationText(seconds: number): string {
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
  if (seconds > 0 && seconds % 86_400 === 0) return unit(seconds / 86_400, 'day');
  if (seconds > 0 && seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds > 0 && seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** "in 15 minutes", "in 40 seconds": when a refused attempt may be made again. */
export function waitText(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  return seconds > 1 ? `in ${Math.ceil(seconds)} seconds` : 'in a second';
}

function retryAfter(error: ApiError): number | null {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * A server error in the page's words: the caller's wording for its own codes first, then the
 * codes every request may meet, else the server's message as a sentence.
 */
export function friendlyError(error: ApiError, own: Record<string, string> = {}): string {
  const known = own[error.code] ?? COMMON[error.code];
  if (known) return known;
  if (error.code === 'RATE_LIMITED') {
    const seconds = retryAfter(error);
    return `Too many attempts. Try again ${seconds === null ? 'in a few minutes' : waitText(seconds)}.`;
  }
  const message = error.message.trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** A refused new order, in the page's words (the amount is checked as the server does). */
export function orderErrorMessage(error: ApiError, amount: string): string {
  if (error.code !== 'INVALID_REQUEST') return friendlyError(error);
  const problem = amountProblem(amount);
  return problem ? amountMessage(problem) : 'Choose an asset from the list.';
}
