import {
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type Passkey,
  type PasskeyEvent,
  type PasskeyPolicy,
  type PasskeyStore,
} from '@acme/passkey-core';
import { createSoftwareAuthenticator, type SoftwareAuthenticatorOptions } from '@acme/passkey-testing';
import { expect } from 'vitest';
import { createPasskeyServer, type PasskeyServerConfig } from '../src/index';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://example.com';
export const ANDROID_ORIGIN = 'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU';

/** A server on a frozen, movable clock, with its events recorded. */
export function setup(overrides: Partial<PasskeyServerConfig> & { policy?: Partial<PasskeyPolicy> } = {}) {
  const clock = { now: new Date('2026-06-01T12:00:00.000Z') };
  const events: PasskeyEvent[] = [];
  const store = overrides.store ?? createMemoryPasskeyStore();
  const challenges = overrides.challenges ?? createMemoryChallengeStore();
  const logger = { warn: () => {}, error: () => {} };
  const server = createPasskeyServer({
    rp: { id: RP_ID, name: 'Example' },
    origins: [ORIGIN, ANDROID_ORIGIN],
    now: () => clock.now,
    onEvent: (e) => {
      events.push(e);
    },
    logger,
    ...overrides,
    store,
    challenges,
  });
  const advance = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  return { server, clock, events, store, challenges, advance, logger };
}

export type Setup = ReturnType<typeof setup>;

/**
 * {@link setup} with a memory challenge store on the server's clock: moving the clock ages its
 * records too, and the store drops expired ones on its next write.
 */
export function setupOnOneClock(overrides: Parameters<typeof setup>[0] = {}) {
  const clock = { now: () => 0 };
  const s = setup({ ...overrides, challenges: createMemoryChallengeStore({ now: () => clock.now() }) });
  clock.now = () => s.clock.now.getTime();
  return s;
}

/**
 * Stores passkey `id` again with `changes` (another owner, another ID), as if it had been removed
 * and a credential of that ID registered since: anyone may register a credential under an ID of
 * their choosing. Returns the passkey as it was.
 */
export async function storeAgain(store: PasskeyStore, id: string, changes: Partial<Passkey>) {
  const stored = (await store.get(id)) ?? expect.unreachable(`passkey ${id} is stored`);
  expect(await store.remove(stored.userId, id)).toBe(true);
  expect(await store.create({ ...stored, ...changes }, { maxPerUser: 10 })).toBe('created');
  return stored;
}

/** A user handle of bob's, for a passkey stored again under his account. */
export const BOB_HANDLE = 'Ym9icy1oYW5kbGU';

export const alice = { id: 'user-alice', name: 'alice@example.com', displayName: 'Alice' };
export const bob = { id: 'user-bob', name: 'bob@example.com', displayName: 'Bob' };

export function authenticator(options: SoftwareAuthenticatorOptions = {}) {
  return createSoftwareAuthenticator({ attachment: 'platform', ...options });
}

/** Registers a passkey for `user` end to end and returns it. */
export async function register(
  s: Setup,
  auth: ReturnType<typeof authenticator>,
  user = alice,
  extra: { name?: string; origin?: string } = {},
) {
  // Freshly verified with a second factor: strong enough to add a passkey to an account that has one.
  const { ceremonyId, options } = await s.server.startRegistration({
    user,
    lastVerifiedAt: s.clock.now,
    lastVerifiedWith: 'second-factor',
  });
  const response = await auth.create(options, { origin: extra.origin ?? ORIGIN });
  const input = { ceremonyId, userId: user.id, response, ...(extra.name ? { name: extra.name } : {}) };
  return (await s.server.finishRegistration(input)).passkey;
}

/** Asserts that `promise` rejects with a PasskeyError of `code`. */
export async function rejectsWith(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ name: 'PasskeyError', code });
}
