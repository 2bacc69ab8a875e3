/**
 * User verification not enforced although required, replayed with real responses whose
 * authenticator skipped verification (UV clear, UP set, signature valid).
 */
import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  expectError,
  httpSetup,
  jsonOf,
  ORIGIN,
  registerOverHttp,
  STEP_UP,
} from '../http-helpers';

const NO_UV = { up: true, uv: false };

async function world() {
  const h = httpSetup();
  const token = h.signIn(alice);
  const auth = authenticator();
  const { passkey } = await registerOverHttp(h, auth, token);
  return { h, token, auth, passkey };
}

// better-auth passkey plugin, better-auth/better-auth PR #11155 ("respect
// authenticatorSelection.userVerification in auth options and verifiers"): with userVerification
// 'required' configured, authentication options still asked for 'preferred' and both verifiers
// passed requireUserVerification: false, so a response without UV was accepted.
describe('advisory: user verification required but not enforced (better-auth PR #11155)', () => {
  it('better-auth PR #11155: every ceremony’s options ask for the required user verification', async () => {
    const w = await world();
    const paths = [
      [`${BASE}/register/options`, {}],
      [`${BASE}/login/options`, {}],
      [`${BASE}/login/options`, { username: alice.name }],
      [`${BASE}/step-up/options`, STEP_UP],
    ] as const;
    for (const [path, body] of paths) {
      const { options } = (await jsonOf(await w.h.send({ path, body, token: w.token }))) as {
        options: { userVerification?: string; authenticatorSelection?: { userVerification?: string } };
      };
      expect(options.userVerification ?? options.authenticatorSelection?.userVerification).toBe('required');
    }
  });

  it('better-auth PR #11155: a registration without UV is 422 USER_VERIFICATION_REQUIRED and stores nothing', async () => {
    const w = await world();
    const start = await jsonOf(
      await w.h.send({ path: `${BASE}/register/options`, body: {}, token: w.token }),
    );
    const response = await authenticator({ flags: NO_UV }).create(start.options as never, { origin: ORIGIN });
    const body = { ceremonyId: start.ceremonyId, response };
    const res = await w.h.send({ path: `${BASE}/register/verify`, body, token: w.token });
    await expectError(res, 'USER_VERIFICATION_REQUIRED');
    expect((await w.h.server.list(alice.id)).passkeys).toHaveLength(1);
  });

  it('better-auth PR #11155: a sign-in without UV is 422 USER_VERIFICATION_REQUIRED: no session, no recorded use', async () => {
    const w = await world();
    const start = await jsonOf(await w.h.send({ path: `${BASE}/login/options`, body: {} }));
    const response = await w.auth.get(start.options as never, { origin: ORIGIN, flags: NO_UV });
    const res = await w.h.send({
      path: `${BASE}/login/verify`,
      body: { ceremonyId: start.ceremonyId, response },
    });
    await expectError(res, 'USER_VERIFICATION_REQUIRED');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(w.h.signedIn).toEqual([]);
    expect((await w.h.store.get(w.passkey.id))?.lastUsedAt).toBeNull();
  });

  it('better-auth PR #11155: a step-up without UV is 422 USER_VERIFICATION_REQUIRED: no receipt, session not marked verified', async () => {
    const w = await world();
    const start = await jsonOf(
      await w.h.send({ path: `${BASE}/step-up/options`, body: STEP_UP, token: w.token }),
    );
    const response = await w.auth.get(start.options as never, { origin: ORIGIN, flags: NO_UV });
    const body = { ceremonyId: start.ceremonyId, response };
    const res = await w.h.send({ path: `${BASE}/step-up/verify`, body, token: w.token });
    await expectError(res, 'USER_VERIFICATION_REQUIRED');
    expect(w.h.verified).toEqual([]);
  });
});
