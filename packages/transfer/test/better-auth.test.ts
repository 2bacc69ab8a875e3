/**
 * An app on Better Auth's passkey plugin moves over. Its rows are made as the plugin makes them
 * (better-auth `packages/passkey/src/routes.ts`: registration options with a random `user.id`
 * of 32 characters a–z0–9 that is stored nowhere, `verifyRegistrationResponse` without required
 * user verification, the COSE key in base64, transports joined by commas), through real
 * SimpleWebAuthn ceremonies — which the plugin runs — and the software authenticator. Before
 * moving, the app records the user handle of each sign-in, as the plugin's
 * `authentication.afterVerification` hook receives it in `clientData.response.userHandle`.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { createMemoryPasskeyStore } from '@acme/passkey-core';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { expect, it } from 'vitest';
import { importPasskeys } from '../src/index';
import { authenticator, ORIGIN, passkeyServer, RP_ID, signIn } from './world';

const randomUserId = () =>
  Array.from({ length: 32 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(36)]).join('');

/** A passkey registered through the plugin's flow: the row it stores and the user's authenticator. */
async function betterAuthPasskey(userId: string, name?: string) {
  const auth = authenticator();
  const options = await generateRegistrationOptions({
    rpName: 'Example',
    rpID: RP_ID,
    userID: new TextEncoder().encode(randomUserId()),
    userName: `${userId}@example.com`,
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const response = await auth.create(options, { origin: ORIGIN });
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: false,
  });
  const { aaguid, credentialDeviceType, credentialBackedUp, credential } = verification.registrationInfo!;
  const row: Record<string, unknown> = {
    id: randomUUID(),
    name,
    userId,
    credentialID: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64'),
    counter: credential.counter,
    deviceType: credentialDeviceType,
    transports: response.response.transports?.join(','),
    backedUp: credentialBackedUp,
    createdAt: new Date(),
    aaguid,
  };
  return { auth, row };
}

/** A sign-in on the plugin (usernameless, as `passkey/generate-authenticate-options` without a session). */
async function betterAuthSignIn(auth: ReturnType<typeof authenticator>, row: Record<string, unknown>) {
  const options = await generateAuthenticationOptions({ rpID: RP_ID, userVerification: 'preferred' });
  const response: AuthenticationResponseJSON = await auth.get(options, { origin: ORIGIN });
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential: {
      id: row.credentialID as string,
      publicKey: Buffer.from(row.publicKey as string, 'base64'),
      counter: row.counter as number,
    },
    requireUserVerification: false,
  });
  row.counter = verification.authenticationInfo.newCounter;
  return response.response.userHandle; // what afterVerification's clientData carries
}

it('imports Better Auth rows whose user handle was recorded, and their users sign in as before', async () => {
  const made = await Promise.all([
    betterAuthPasskey('ba-1', 'Work laptop'),
    betterAuthPasskey('ba-1'),
    betterAuthPasskey('ba-2'),
  ]);
  for (const { auth, row } of made.slice(0, 2)) row.userHandle = await betterAuthSignIn(auth, row);
  const [, , never] = made; // this user did not sign in before the move
  const lines = made.map(({ row }) => JSON.stringify(row));
  const store = createMemoryPasskeyStore();

  const report = await importPasskeys(store, lines, { format: 'better-auth' });
  expect(report).toMatchObject({ created: 2, invalid: 1 });
  expect(report.issues).toEqual([
    expect.objectContaining({ line: 3, outcome: 'invalid', field: 'userHandle' }),
  ]);
  expect(await store.get(never!.row.credentialID as string)).toBeNull();

  const server = passkeyServer(store);
  for (const { auth, row } of made.slice(0, 2)) {
    const stored = await store.get(row.credentialID as string);
    expect(stored).toMatchObject({
      userId: 'ba-1',
      counter: row.counter,
      aaguid: row.aaguid,
      userVerified: false,
    });
    expect(Buffer.from(stored!.userHandle, 'base64url').toString()).toMatch(/^[a-z0-9]{32}$/);
    expect(await signIn(server, auth)).toMatchObject({ userId: 'ba-1', passkey: { id: row.credentialID } });
    await expect(signIn(server, auth, { counter: row.counter as number })).rejects.toMatchObject({
      code: 'COUNTER_REGRESSION',
    });
  }
  expect((await store.get(made[0]!.row.credentialID as string))?.name).toBe('Work laptop');
  expect((await store.get(made[1]!.row.credentialID as string))?.name).toBe('Imported passkey');
});

it('refuses a recorded user handle the authenticator does not hold, at the first sign-in', async () => {
  const { auth, row } = await betterAuthPasskey('ba-3');
  row.userHandle = Buffer.from(randomUserId()).toString('base64url'); // a guess, not what was registered
  const store = createMemoryPasskeyStore();
  expect(await importPasskeys(store, [JSON.stringify(row)], { format: 'better-auth' })).toMatchObject({
    created: 1,
  });
  await expect(signIn(passkeyServer(store), auth)).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
});
