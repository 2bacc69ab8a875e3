/**
 * Ceremonies for the spec-step tests: one real response from the software authenticator, which a
 * test may change (see ../advisories/forge) before finishing the ceremony it answers.
 */
import type {
  AuthenticationResponseJSON,
  CreateCallOptions,
  GetCallOptions,
  RegistrationResponseJSON,
  SoftwareAuthenticatorOptions,
} from '@acme/passkey-testing';
import { expect } from 'vitest';
import { alice, authenticator, ORIGIN, register, type Setup, setup } from '../helpers';

/** A first registration for alice: its options, a genuine response, and its finish. */
export async function registration(
  options: {
    server?: Parameters<typeof setup>[0];
    auth?: SoftwareAuthenticatorOptions;
    call?: Partial<CreateCallOptions>;
  } = {},
) {
  const s = setup(options.server);
  const auth = authenticator(options.auth);
  const started = await s.server.startRegistration({ user: alice, lastVerifiedAt: s.clock.now });
  const response = await auth.create(started.options, { origin: ORIGIN, ...options.call });
  const finish = (changed: unknown = response) =>
    s.server.finishRegistration({ ceremonyId: started.ceremonyId, userId: alice.id, response: changed });
  return { s, auth, options: started.options, response, finish };
}

/** Alice's passkey and a usernameless sign-in ceremony answered by it (or by `call`'s variant). */
export async function assertion(
  options: {
    server?: Parameters<typeof setup>[0];
    auth?: SoftwareAuthenticatorOptions;
    call?: Partial<GetCallOptions>;
  } = {},
) {
  const s = setup(options.server);
  const auth = authenticator(options.auth);
  const passkey = await register(s, auth);
  const started = await s.server.startAuthentication();
  const response = await auth.get(started.options, { origin: ORIGIN, ...options.call });
  const finish = (changed: unknown = response) =>
    s.server.finishAuthentication({ ceremonyId: started.ceremonyId, response: changed });
  return { s, auth, passkey, options: started.options, response, finish };
}

/** Nothing was registered for alice. */
export async function nothingStored(s: Setup) {
  expect(await s.store.listByUser(alice.id)).toEqual([]);
}

/** The passkey was not used: no sign-in was recorded. */
export async function unused(s: Setup, id: string) {
  expect((await s.store.get(id))?.lastUsedAt).toBeNull();
}

/** Binary members as the JSON forms carry them. */
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

export type { AuthenticationResponseJSON, RegistrationResponseJSON };
