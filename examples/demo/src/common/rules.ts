/**
 * The rules the page checks before sending and the server enforces: one copy, imported by both
 * bundles (nothing here touches Node or the DOM).
 */

/** Digits before the decimal point, at most: up to 999 999 999 999. */
export const AMOUNT_MAX_INTEGER_DIGITS = 12;
/** Digits after the decimal point, at most (as many as ETH's wei). */
export const AMOUNT_MAX_DECIMALS = 18;

/** Why an amount is refused; `null` when it is fine. */
export type AmountProblem = 'empty' | 'format' | 'leading-zero' | 'zero' | 'too-large' | 'too-precise';

/**
 * Checks an order amount: a positive decimal string (`^\d+(\.\d+)?$`: no sign, exponent,
 * spaces or comma), without leading zeros, with at most {@link AMOUNT_MAX_INTEGER_DIGITS}
 * digits before the point and {@link AMOUNT_MAX_DECIMALS} after. Receipts are bound to the
 * amount as written, so the server keeps it verbatim.
 */
export function amountProblem(amount: unknown): AmountProblem | null {
  if (typeof amount !== 'string' || amount === '') return amount === '' ? 'empty' : 'format';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return 'format';
  const [, integer = '', decimals = ''] = match;
  if (integer.length > 1 && integer.startsWith('0')) return 'leading-zero';
  if (!/[1-9]/.test(amount)) return 'zero';
  if (integer.length > AMOUNT_MAX_INTEGER_DIGITS) return 'too-large';
  if (decimals.length > AMOUNT_MAX_DECIMALS) return 'too-precise';
  return null;
}

/** Usernames: 3 to 64 letters, digits and `._@-`; lookups ignore case. */
export const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

/** Why a new username is refused; `null` when it is fine. */
export function usernameProblem(username: unknown): 'empty' | 'too-short' | 'too-long' | 'characters' | null {
  if (typeof username !== 'string') return 'characters';
  if (USERNAME.test(username)) return null;
  if (username === '') return 'empty';
  if (!/^[A-Za-z0-9._@-]*$/.test(username)) return 'characters';
  return username.length < 3 ? 'too-short' : 'too-long';
}

/** Why a new password is refused (length in code points); `null` when it is fine. */
export function passwordProblem(password: unknown): 'empty' | 'too-short' | 'too-long' | null {
  if (password === '') return 'empty';
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH) return 'too-short';
  return password.length > PASSWORD_MAX_LENGTH ? 'too-long' : null;
}
