import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addAuthenticator, credentialsOf } from './support/browser';
import { callClient } from './support/page';
import { describeInBrowser, useBrowser } from './support/suite';

/** A user of their own for each test: the app lives as long as the file. */
const newUser = () => ({ id: `u-${randomUUID()}`, name: 'alice', displayName: 'Alice' });

type Created = { status: string; passkey: { id: string } };

/** Removes a passkey on the server, as another device or the recovery path would. */
async function removeOnServer(page: Page, url: string, userId: string, passkeyId: string) {
  const res = await page.request.post(`${url}/test/remove`, { data: { userId, passkeyId } });
  expect(res.ok()).toBe(true);
}

describeInBrowser('automatic WebAuthn signals in Chromium', () => {
  const browser = useBrowser();

  for (const on of [true, false]) {
    it(`a sign-in refused as an unknown credential ${on ? 'removes it from' : 'leaves it on'} the authenticator (unknownCredential ${on ? 'on' : 'off'})`, async () => {
      const { page, cdp, app, signInAs } = browser();
      const authenticator = await addAuthenticator(cdp);
      const user = newUser();
      await signInAs(user);
      const { passkey } = await callClient<Created>(page, 'register');
      expect((await credentialsOf(cdp, authenticator)).map((c) => c.id)).toEqual([passkey.id]);
      await removeOnServer(page, app.url, user.id, passkey.id);
      const signals = { unknownCredential: on };
      expect(await callClient(page, 'signIn', [], { signals })).toMatchObject({
        status: 'error',
        error: { code: 'CREDENTIAL_NOT_FOUND' },
      });
      expect(await credentialsOf(cdp, authenticator)).toHaveLength(on ? 0 : 1);
    });
  }

  for (const on of [true, false]) {
    it(`a list after a removal elsewhere ${on ? 'drops' : 'keeps'} the removed passkey (allAcceptedCredentials ${on ? 'on' : 'off'})`, async () => {
      const { page, cdp, app, signInAs } = browser();
      const builtIn = await addAuthenticator(cdp, { transport: 'internal' });
      const key = await addAuthenticator(cdp, { transport: 'usb' });
      const user = newUser();
      await signInAs(user);
      const first = await callClient<Created>(page, 'register', [{ authenticator: 'this-device' }]);
      const second = await callClient<Created>(page, 'register', [{ authenticator: 'security-key' }]);
      expect([first.status, second.status]).toEqual(['created', 'created']);
      const held = async () => [
        (await credentialsOf(cdp, builtIn)).length,
        (await credentialsOf(cdp, key)).length,
      ];
      expect(await held()).toEqual([1, 1]);
      await removeOnServer(page, app.url, user.id, first.passkey.id);
      const listed = await callClient<{ passkeys: { id: string }[] }>(page, 'list', [], {
        signals: { allAcceptedCredentials: on },
      });
      expect(listed.passkeys.map((p) => p.id)).toEqual([second.passkey.id]);
      expect(await held()).toEqual(on ? [0, 1] : [1, 1]);
    });
  }

  for (const on of [true, false]) {
    it(`a sign-in ${on ? 'updates' : 'leaves'} the account's names on the authenticator (currentUserDetails ${on ? 'on' : 'off'})`, async () => {
      const { page, cdp, signInAs } = browser();
      const authenticator = await addAuthenticator(cdp);
      const user = newUser();
      await signInAs(user);
      await callClient(page, 'register');
      const renamed = { name: 'alice@new.example', displayName: 'Alice Martin' };
      const result = await callClient(page, 'signIn', [], {
        currentUser: renamed,
        signals: { currentUserDetails: on },
      });
      expect(result).toMatchObject({ status: 'signed-in', userId: user.id });
      const [credential] = await credentialsOf(cdp, authenticator);
      expect([credential?.userName, credential?.userDisplayName]).toEqual(
        on ? [renamed.name, renamed.displayName] : [user.name, user.displayName],
      );
    });
  }
});
