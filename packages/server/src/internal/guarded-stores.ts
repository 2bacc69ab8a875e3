import { type ChallengeStore, isPasskeyError, PasskeyError, type PasskeyStore } from '@acme/passkey-core';

function guard<T extends object>(target: T, what: string): T {
  const wrapped = {} as T;
  for (const key of Object.keys(target) as Array<keyof T>) {
    const fn = target[key];
    if (typeof fn !== 'function') continue;
    wrapped[key] = (async (...args: unknown[]) => {
      try {
        return await fn.apply(target, args);
      } catch (err) {
        if (isPasskeyError(err)) throw err;
        throw new PasskeyError('STORE_UNAVAILABLE', `The ${what} is unavailable`, { cause: err });
      }
    }) as T[keyof T];
  }
  return wrapped;
}

/**
 * Wraps an app's stores so that anything they throw becomes `STORE_UNAVAILABLE` (503) with
 * the original as `cause`: a database error never leaks to a client or turns into a 500.
 */
export function guardStores(store: PasskeyStore, challenges: ChallengeStore) {
  for (const [name, s, methods] of [
    ['store', store, ['get', 'listByUser', 'create', 'recordUse', 'rename', 'remove']],
    ['challenges', challenges, ['put', 'take']],
  ] as const) {
    for (const m of methods) {
      if (typeof (s as unknown as Record<string, unknown>)?.[m] !== 'function') {
        throw new TypeError(`createPasskeyServer: ${name}.${m} must be a function`);
      }
    }
  }
  return { store: guard(store, 'passkey store'), challenges: guard(challenges, 'challenge store') };
}
