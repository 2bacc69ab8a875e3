/**
 * A response's bytes are decoded once: the HTTP handler's shape check is the parse, and the
 * ceremony takes the parsed value it hands on. A value that only looks parsed is parsed as JSON
 * (and refused): nothing outside the parser can skip its checks.
 */
import { describe, expect, it } from 'vitest';
import {
  authenticationResponseOf,
  parseAuthenticationResponse,
} from '../src/webauthn/authentication-response';
import { parseRegistrationResponse, registrationResponseOf } from '../src/webauthn/registration-response';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

describe('parse once', () => {
  it('takes a response this server parsed as it is, and parses anything else', async () => {
    const s = setup();
    const auth = authenticator();
    const { options } = await s.server.startRegistration({ user: alice, lastVerifiedAt: s.clock.now });
    const json = await auth.create(options, { origin: ORIGIN });
    const registration = parseRegistrationResponse(json);
    expect(registrationResponseOf(registration)).toBe(registration);
    expect(registrationResponseOf(json)).not.toBe(registration);
    expect(registrationResponseOf(json)).toEqual(registration);
    const login = await s.server.startAuthentication();
    const assertion = parseAuthenticationResponse(await auth.get(login.options, { origin: ORIGIN }));
    expect(authenticationResponseOf(assertion)).toBe(assertion);
  });

  it('signs in with a response parsed before the ceremony, as the handler hands it on', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const { ceremonyId, options } = await s.server.startAuthentication();
    const response = parseAuthenticationResponse(await auth.get(options, { origin: ORIGIN }));
    await expect(s.server.finishAuthentication({ ceremonyId, response })).resolves.toMatchObject({
      passkey: { id: passkey.id },
    });
  });

  it('parses a look-alike of a parsed response as JSON, which refuses it', async () => {
    const s = setup();
    const auth = authenticator();
    await register(s, auth);
    const { ceremonyId, options } = await s.server.startAuthentication();
    const lookalike = { ...parseAuthenticationResponse(await auth.get(options, { origin: ORIGIN })) };
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response: lookalike }), 'INVALID_REQUEST');
  });
});
