import { DemoError } from './errors';
import { createFailureThrottle } from './throttle';

/** Wrong passwords allowed per account, and per address, in one window. */
export const PASSWORD_FAILURES = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

/** Who tries a password: the account's username (as typed, any case) and the client's address key. */
export interface PasswordAttempt {
  username: string;
  /** null where the request has no socket (in-process tests): all such requests share one count. */
  address: string | null;
}

/**
 * Throttles password guessing on log-in and on the security verification, per account (any
 * username, known or not, so that a refusal says nothing about which names exist) and per
 * address (many accounts from one place). A throttled attempt is refused with 429
 * `RATE_LIMITED` before the password is checked; a right password clears the account's count,
 * never the address's (an attacker's own account must not reset it).
 */
export function createPasswordGuard(options: { now: () => Date }) {
  const { windowSeconds } = PASSWORD_FAILURES;
  const accounts = createFailureThrottle({
    limit: PASSWORD_FAILURES.perAccount,
    windowSeconds,
    now: options.now,
  });
  const addresses = createFailureThrottle({
    limit: PASSWORD_FAILURES.perAddress,
    windowSeconds,
    now: options.now,
  });

  return async function checkPassword<T>(attempt: PasswordAttempt, check: () => Promise<T>): Promise<T> {
    const account = attempt.username.toLowerCase();
    const address = attempt.address ?? 'no address';
    const wait = Math.max(accounts.retryAfterSeconds(account), addresses.retryAfterSeconds(address));
    if (wait > 0) {
      throw new DemoError('RATE_LIMITED', 'Too many wrong passwords: try again later', {
        retryAfterSeconds: wait,
      });
    }
    try {
      const result = await check();
      accounts.clear(account);
      return result;
    } catch (err) {
      if (err instanceof DemoError && err.code === 'WRONG_CREDENTIALS') {
        accounts.fail(account);
        addresses.fail(address);
      }
      throw err;
    }
  };
}

/** The password guard of one demo. */
export type PasswordGuard = ReturnType<typeof createPasswordGuard>;
