/** A passkey server on a given store, and a user's software authenticator, for end-to-end checks. */
import { createMemoryChallengeStore, type PasskeyStore } from '@acme/passkey-core';
import { createPasskeyServer } from '@acme/passkey-server';
import { createSoftwareAuthenticator, type SoftwareAuthenticator } from '@acme/passkey-testing';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://example.com';

/** A server on `store`, the SDK's own checks and defaults, quiet. */
export function passkeyServer(store: PasskeyStore) {
  return createPasskeyServer({
    rp: { id: RP_ID, name: 'Example' },
    origins: [ORIGIN],
    store,
    challenges: createMemoryChallengeStore(),
    secret: 'transfer-tests-secret-of-32-bytes!',
    logger: { warn: () => {}, error: () => {} },
  });
}

export type Server = ReturnType<typeof passkeyServer>;

/** A platform authenticator that keeps a signature counter. */
export const authenticator = (): SoftwareAuthenticator =>
  createSoftwareAuthenticator({ attachment: 'platform', counter: { start: 1, increment: 1 } });

/** Registers a passkey for `userId` through the server, as the app's security center does. */
export async function enrol(server: Server, auth: SoftwareAuthenticator, userId: string) {
  const user = { id: userId, name: `${userId}@example.com`, displayName: userId };
  const { ceremonyId, options } = await server.startRegistration({
    user,
    lastVerifiedAt: new Date(),
    lastVerifiedWith: 'second-factor',
  });
  const response = await auth.create(options, { origin: ORIGIN });
  return (await server.finishRegistration({ ceremonyId, userId, response })).passkey;
}

/** A sign-in through the server: usernameless (discoverable) unless `userId` is given. */
export async function signIn(
  server: Server,
  auth: SoftwareAuthenticator,
  call: { userId?: string; credentialId?: string; counter?: number } = {},
) {
  const { ceremonyId, options } = await server.startAuthentication(
    call.userId === undefined ? {} : { userId: call.userId },
  );
  const response = await auth.get(options, {
    origin: ORIGIN,
    ...(call.credentialId === undefined ? {} : { credentialId: call.credentialId }),
    ...(call.counter === undefined ? {} : { faults: { counter: call.counter } }),
  });
  return server.finishAuthentication({ ceremonyId, response });
}
