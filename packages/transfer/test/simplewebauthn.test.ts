/**
 * An app that stored SimpleWebAuthn's credentials, as its documentation shows ("Additional data
 * structures", "Post-registration responsibilities"), moves them over and its users sign in
 * with the authenticators they already have. The records are made by real SimpleWebAuthn
 * ceremonies with the software authenticator, then dumped the ways databases dump them.
 */
import { createMemoryPasskeyStore } from '@acme/passkey-core';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoUint8Array } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { fromSimpleWebAuthn, importPasskeys } from '../src/index';
import { credentialOf } from './keys';
import { authenticator, ORIGIN, passkeyServer, RP_ID, signIn } from './world';

/** Registers with SimpleWebAuthn and keeps what its documentation says to keep. */
async function simpleWebAuthnApp(user: { id: number; username: string }, userID?: Uint8Array<ArrayBuffer>) {
  const auth = authenticator();
  const options = await generateRegistrationOptions({
    rpName: 'Example',
    rpID: RP_ID,
    userName: user.username,
    ...(userID === undefined ? {} : { userID }),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const response = await auth.create(options, { origin: ORIGIN });
  const { registrationInfo } = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
  });
  const { credential, credentialDeviceType, credentialBackedUp } = registrationInfo!;
  const record = {
    user,
    webAuthnUserID: options.user.id,
    id: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports,
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
  // A sign-in on the old server moves the counter on, as the documentation says to store it.
  const request = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: record.id }] });
  const assertion = await auth.get(request, { origin: ORIGIN });
  const verified = await verifyAuthenticationResponse({
    response: assertion,
    expectedChallenge: request.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential: { id: record.id, publicKey: record.publicKey, counter: record.counter },
  });
  record.counter = verified.authenticationInfo.newCounter;
  return { auth, record };
}

const hex = (bytes: Uint8Array) => `\\x${Buffer.from(bytes).toString('hex')}`;

describe('from SimpleWebAuthn', () => {
  it('imports records however the key was dumped, and their users sign in as before', async () => {
    const apps = await Promise.all(
      [1, 2, 3, 4].map((n) => simpleWebAuthnApp({ id: n, username: `user${n}@example.com` })),
    );
    const [a, b, c, d] = apps.map((x) => x.record);
    const lines = [
      JSON.stringify(a), // the Uint8Array as JSON.stringify leaves it: { "0": …, "1": … }
      JSON.stringify({ ...b, publicKey: Buffer.from(b!.publicKey) }), // a Node Buffer: { type, data }
      JSON.stringify({
        ...c,
        publicKey: Buffer.from(c!.publicKey).toString('base64url'),
        transports: c!.transports?.join(','),
      }),
      JSON.stringify({
        ...d,
        publicKey: hex(d!.publicKey),
        webauthnUserID: d!.webAuthnUserID,
        webAuthnUserID: undefined,
      }),
    ];
    const store = createMemoryPasskeyStore();
    expect(await importPasskeys(store, lines, { format: 'simplewebauthn' })).toMatchObject({
      created: 4,
      issues: [],
    });
    expect(await importPasskeys(store, lines, { format: 'simplewebauthn' })).toMatchObject({
      created: 0,
      present: 4,
    });

    const server = passkeyServer(store);
    for (const [i, { auth, record }] of apps.entries()) {
      const stored = await store.get(record.id);
      expect(stored).toMatchObject({
        userId: String(i + 1),
        userHandle: record.webAuthnUserID,
        counter: record.counter,
        algorithm: -7,
      });
      expect(stored?.counter).toBeGreaterThan(0);
      expect(await signIn(server, auth)).toMatchObject({ userId: String(i + 1) }); // discoverable: the user handle
      expect(await signIn(server, auth, { userId: String(i + 1) })).toMatchObject({ userId: String(i + 1) });
      await expect(signIn(server, auth, { counter: record.counter })).rejects.toMatchObject({
        code: 'COUNTER_REGRESSION',
      });
    }
  });

  it('takes the app user ID as the user handle for SimpleWebAuthn 9 records, only when asked', async () => {
    // SimpleWebAuthn 9 and earlier sent the UTF-8 bytes of the app's `userID` string as user.id.
    const { auth, record } = await simpleWebAuthnApp(
      { id: 9, username: 'nine' },
      isoUint8Array.fromUTF8String('9'),
    );
    const { webAuthnUserID: _, ...older } = record;
    const line = JSON.stringify(older);
    const store = createMemoryPasskeyStore();
    const refused = await importPasskeys(store, [line], { format: 'simplewebauthn' });
    expect(refused.issues).toEqual([
      expect.objectContaining({ line: 1, outcome: 'invalid', field: 'webauthnUserID' }),
    ]);
    const imported = await importPasskeys(store, [line], {
      format: 'simplewebauthn',
      userHandleFromUserId: true,
    });
    expect(imported).toMatchObject({ created: 1 });
    expect(await signIn(passkeyServer(store), auth)).toMatchObject({ userId: '9' });
  });

  it('refuses records that cannot be a working passkey, naming the field', async () => {
    const base = {
      id: 'AAECAwQFBgcICQoLDA0ODw',
      publicKey: Buffer.from((await credentialOf('ES256')).publicKey).toString('base64url'),
      webauthnUserID: 'dXNlcg',
      counter: 0,
      deviceType: 'multiDevice',
      backedUp: true,
      userId: 'u',
    };
    expect(fromSimpleWebAuthn(base)).toMatchObject({
      id: base.id,
      algorithm: -7,
      userHandle: 'dXNlcg',
      name: 'Imported passkey',
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ userId: undefined }, 'userId'],
      [{ id: 'not base64url!' }, 'id'],
      [{ publicKey: 'AAAA' }, 'publicKey'],
      [{ publicKey: [1, 2, 300] }, 'publicKey'],
      [{ counter: -1 }, 'counter'],
      [{ deviceType: 'singleDevice' }, 'backedUp'],
      [{ transports: 'usb,usb' }, 'transports'],
      [{ webauthnUserID: 'not base64url!' }, 'webauthnUserID'],
      [{ createdAt: 'yesterday' }, 'createdAt'],
    ];
    for (const [change, field] of bad) {
      expect(() => fromSimpleWebAuthn({ ...base, ...change }), field).toThrow(
        expect.objectContaining({ code: 'INVALID_REQUEST', details: { field } }),
      );
    }
  });
});
