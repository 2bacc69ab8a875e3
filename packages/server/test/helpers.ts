import {
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyEvent,
  type PasskeyPolicy,
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
