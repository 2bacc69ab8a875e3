import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { addAuthenticator } from './support/browser';
import { callClient, recordWebAuthnCalls } from './support/page';
import { describeInBrowser, useBrowser } from './support/suite';

/** A user of their own for each test: the app lives as long as the file. */
const newUser = () => ({ id: `u-${randomUUID()}`, name: 'alice', displayName: 'Alice' });
const SALT_A = Buffer.from('vault key, version 1').toString('base64url');
const SALT_B = Buffer.from('vault key, version 2').toString('base64url');

type Outcome = {
  status: string;
  prf?: { first: string; second?: string };
  passkey?: { id: string; prf: boolean };
};

describeInBrowser('PRF in Chromium (virtual authenticator with hasPrf)', () => {
  const browser = useBrowser();

  it('asks for PRF at registration and the server records prf: true, never seeing an output', async () => {
    const { page, cdp, app, signInAs } = browser();
    const calls = await recordWebAuthnCalls(page);
    await addAuthenticator(cdp);
    const user = newUser();
    await signInAs(user);
    const created = await callClient<Outcome>(page, 'register', [{ prf: { first: SALT_A } }]);
    expect(created).toMatchObject({ status: 'created', passkey: { prf: true } });
    expect((await calls())[0]).toMatchObject({ kind: 'create', extensions: ['credProps', 'prf'] });
    const verify = app.seen.find((s) => s.path === '/passkeys/register/verify');
    expect(verify?.body).toMatchObject({ response: { clientExtensionResults: { prf: { enabled: true } } } });
    // Chromium evaluates at creation: the outputs stayed in the page.
    expect(created.prf?.first).toHaveLength(43);
    expect(JSON.stringify(app.seen)).not.toContain(created.prf?.first);
    expect(JSON.stringify(app.seen)).not.toMatch(/results/);
    const listed = await callClient<{ passkeys: { prf: boolean }[] }>(page, 'list');
    expect(listed.passkeys.map((p) => p.prf)).toEqual([true]);
  });

  it('gives the same outputs for the same salt, other outputs for another, and keeps them from the server', async () => {
    const { page, cdp, app, signInAs } = browser();
    await addAuthenticator(cdp);
    const user = newUser();
    await signInAs(user);
    const created = await callClient<Outcome>(page, 'register', [{ prf: { first: SALT_A } }]);
    const signIn = async (prf: unknown) => {
      const result = await callClient<Outcome>(page, 'signIn', [{ prf }]);
      expect(result.status).toBe('signed-in');
      return result.prf;
    };
    const a = await signIn({ first: SALT_A });
    expect(a?.first).toHaveLength(43); // 32 bytes
    expect(await signIn({ first: SALT_A })).toEqual(a);
    // The same salt as bytes instead of base64url text.
    expect(await signIn({ first: { $text: 'vault key, version 1' } })).toEqual(a);
    const b = await signIn({ first: SALT_B });
    expect(b?.first).not.toBe(a?.first);
    // Two salts in one touch (key rotation): the same outputs as one at a time.
    expect(await signIn({ first: SALT_A, second: SALT_B })).toEqual({ first: a?.first, second: b?.first });
    // What the authenticator gave at creation is what every sign-in gives.
    expect(created.prf).toEqual(a);
    const posted = JSON.stringify(app.seen.filter((s) => s.path === '/passkeys/login/verify'));
    expect(app.seen.filter((s) => s.path === '/passkeys/login/verify')).toHaveLength(5);
    for (const output of [a?.first, b?.first]) expect(posted).not.toContain(output);
    expect(posted).not.toMatch(/results/);
  });

  it('evaluates at step-up too, with a salt per credential', async () => {
    const { page, cdp, signInAs } = browser();
    await addAuthenticator(cdp);
    const user = newUser();
    await signInAs(user);
    const created = await callClient<Outcome>(page, 'register');
    const signedIn = await callClient<Outcome>(page, 'signIn', [{ prf: { first: SALT_B } }]);
    const id = created.passkey?.id as string;
    const verified = await callClient<Outcome & { receipt: string }>(page, 'stepUp', [
      {
        action: 'vault.open',
        details: { vault: 'v1' },
        prf: { eval: { first: SALT_A }, evalByCredential: { [id]: { first: SALT_B } } },
      },
    ]);
    expect(verified).toMatchObject({ status: 'verified', receipt: expect.any(String) });
    expect(verified.prf).toEqual(signedIn.prf);
  });

  it('signs in without outputs with a passkey that has no PRF, and the server knows it has none', async () => {
    const { page, cdp, signInAs } = browser();
    await addAuthenticator(cdp, { prf: false });
    const user = newUser();
    await signInAs(user);
    expect(await callClient<Outcome>(page, 'register')).toMatchObject({
      status: 'created',
      passkey: { prf: false },
    });
    const result = await callClient<Outcome>(page, 'signIn', [{ prf: { first: SALT_A } }]);
    expect(result.status).toBe('signed-in');
    expect(result).not.toHaveProperty('prf');
  });
});
