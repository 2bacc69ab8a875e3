import { type ChallengeStore, isPasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { storeUnavailable } from '../errors/refusals';

function guard<T extends object>(target: T, methods: readonly string[], what: string): T {
  const wrapped = {} as T;
  // Named methods, not Object.keys: a store written as a class keeps them on its prototype.
  for (const key of methods as Array<keyof T>) {
    const fn = target[key];
    if (typeof fn !== 'function') continue;
    wrapped[key] = (async (...args: unknown[]) => {
      try {
        return await fn.apply(target, args);
      } catch (err) {
        // An adapter's own message may name its backend: clients get a generic one, logs the cause.
        if (isPasskeyError(err) && err.code !== 'STORE_UNAVAILABLE') throw err;
        throw storeUnavailable(`The ${what} is unavailable`, err);
      }
    }) as T[keyof T];
  }
  return wrapped;
}

const STORE_METHODS = ['get', 'listByUser', 'create', 'recordUse', 'rename', 'remove'] as const;
const CHALLENGE_METHODS = ['put', 'take'] as const;

/**
 * Wraps an app's stores so that anything they throw becomes `STORE_UNAVAILABLE` (503) with
 * the original as `cause`: a database error never leaks to a client or turns into a 500.
 */
export function guardStores(store: PasskeyStore, challenges: ChallengeStore) {
  for (const [name, s, methods] of [
    ['store', store, STORE_METHODS],
    ['challenges', challenges, CHALLENGE_METHODS],
  ] as const) {
    for (const m of methods) {
      if (typeof (s as unknown as Record<string, unknown>)?.[m] !== 'function') {
        throw new TypeError(`createPasskeyServer: ${name}.${m} must be a function`);
      }
    }
  }
  return {
    store: guard(store, STORE_METHODS, 'passkey store'),
    challenges: guard(challenges, CHALLENGE_METHODS, 'challenge store'),
  };
}
