import { createHmac } from 'node:crypto';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/base64url';
import {
  AuthenticatorError,
  type CreationOptionsJSON,
  createSoftwareAuthenticator,
  type PrfInputsJSON,
  type RequestOptionsJSON,
  type SoftwareAuthenticator,
} from '../src/index';
import { evaluatePrf, prfSalt } from '../src/prf';
import { authenticationOptions, ORIGIN, RP_ID, registrationOptions } from './helpers';

const hex = (bytes?: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes ?? [])).toString('hex');
const text = (s: string) => new TextEncoder().encode(s);

/** The authenticator extension outputs of authenticator data (L3 §6.1), as a verifier reads them. */
const extensionsOf = (authData: string) =>
  parseAuthenticatorData(fromBase64url(authData)).extensionsData as Record<string, unknown> | undefined;

async function registered(authenticator: SoftwareAuthenticator, prf: PrfInputsJSON | null = {}) {
  const options = await registrationOptions();
  const withPrf: CreationOptionsJSON = {
    ...options,
    extensions: { ...options.extensions, ...(prf && { prf }) },
  };
  const response = await authenticator.create(withPrf, { origin: ORIGIN });
  const { registrationInfo } = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
  });
  return { response, credential: registrationInfo!.credential };
}

async function evaluate(
  authenticator: SoftwareAuthenticator,
  prf: PrfInputsJSON,
  call: { allow?: string[]; uv?: boolean } = {},
) {
  const request: RequestOptionsJSON = { ...(await authenticationOptions(call.allow)), extensions: { prf } };
  return authenticator.get(request, { origin: ORIGIN, flags: { uv: call.uv ?? true } });
}

describe('PRF construction (WebAuthn L3 §10.1.4 over CTAP2 hmac-secret)', () => {
  it('hashes each input with the context string: SHA-256("WebAuthn PRF" ‖ 0x00 ‖ input)', () => {
    // The value other implementations publish for the input "salt1".
    expect(hex(prfSalt(text('salt1')))).toBe(
      '2a1990f9c9bbfe1bbf56abee2b5a0f59be5f633a35c2a5f07d85533eeecbdd3c',
    );
    expect(hex(prfSalt('c2FsdDE'))).toBe(hex(prfSalt(text('salt1'))));
  });

  it('outputs HMAC-SHA-256(CredRandom, salt) with the key of the UV state', () => {
    const credRandom = { withUV: new Uint8Array(32).fill(1), withoutUV: new Uint8Array(32).fill(2) };
    const expected = (key: Uint8Array, input: string) =>
      createHmac('sha256', key)
        .update(prfSalt(text(input)))
        .digest('hex');
    const verified = evaluatePrf(credRandom, { first: text('a'), second: text('b') }, true);
    expect([hex(verified.first), hex(verified.second)]).toEqual([
      expected(credRandom.withUV, 'a'),
      expected(credRandom.withUV, 'b'),
    ]);
    expect(hex(evaluatePrf(credRandom, { first: text('a') }, false).first)).toBe(
      expected(credRandom.withoutUV, 'a'),
    );
  });
});

describe('PRF at registration', () => {
  it('reports prf.enabled, marks authenticator data with hmac-secret, and the verifier accepts it', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { response } = await registered(authenticator);
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: true }, prf: { enabled: true } });
    expect(extensionsOf(response.response.authenticatorData!)).toEqual({ 'hmac-secret': true });
    expect(authenticator.credentials[0]?.prf).toBe(true);
    expect(authenticator.credentials[0]).not.toHaveProperty('credRandom');
  });

  it('gives no PRF when it is not asked for, and enabled: false where the authenticator lacks it', async () => {
    const unasked = createSoftwareAuthenticator();
    const plain = await registered(unasked, null);
    expect(plain.response.clientExtensionResults).not.toHaveProperty('prf');
    expect(extensionsOf(plain.response.response.authenticatorData!)).toBeUndefined();
    expect(unasked.credentials[0]?.prf).toBe(false);
    const without = createSoftwareAuthenticator({ prf: false });
    const lacking = await registered(without);
    expect(lacking.response.clientExtensionResults.prf).toEqual({ enabled: false });
    expect(without.credentials[0]?.prf).toBe(false);
    const get = await evaluate(without, { eval: { first: text('x') } });
    expect(get.clientExtensionResults).toEqual({ prf: {} });
  });

  it('evaluates eval at creation, as a later sign-in does for the same salt', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { response } = await registered(authenticator, { eval: { first: text('vault') } });
    const atCreation = response.clientExtensionResults.prf?.results?.first;
    expect(atCreation?.byteLength).toBe(32);
    expect(extensionsOf(response.response.authenticatorData!)?.['hmac-secret-mc']).toHaveLength(48);
    const later = await evaluate(authenticator, { eval: { first: text('vault') } });
    expect(hex(later.clientExtensionResults.prf?.results?.first)).toBe(hex(atCreation));
  });
});

describe('PRF at assertion', () => {
  it('gives the same 32 bytes for the same salt, other bytes for another salt or credential', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { response: a } = await registered(authenticator);
    const { response: b } = await registered(createSoftwareAuthenticator());
    const out = async (first: string | Uint8Array, uv = true) =>
      hex(
        (await evaluate(authenticator, { eval: { first } }, { uv })).clientExtensionResults.prf?.results
          ?.first,
      );
    const one = await out(text('salt one'));
    expect(one).toHaveLength(64);
    expect(await out(text('salt one'))).toBe(one);
    expect(await out(Buffer.from('salt one').toString('base64url'))).toBe(one);
    expect(await out(text('salt two'))).not.toBe(one);
    // A user-presence-only assertion uses the credential's other key.
    expect(await out(text('salt one'), false)).not.toBe(one);
    expect(await out(text('salt one'), false)).toBe(await out(text('salt one'), false));
    expect(a.id).not.toBe(b.id);
  });

  it('evaluates second, and evalByCredential before eval for the credential that answers', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { response } = await registered(authenticator);
    const both = await evaluate(authenticator, { eval: { first: text('1'), second: text('2') } });
    const [first, second] = [
      both.clientExtensionResults.prf?.results?.first,
      both.clientExtensionResults.prf?.results?.second,
    ];
    expect(hex(second)).not.toBe(hex(first));
    const mine = await evaluate(
      authenticator,
      { eval: { first: text('9') }, evalByCredential: { [response.id]: { first: text('2') } } },
      { allow: [response.id] },
    );
    expect(hex(mine.clientExtensionResults.prf?.results?.first)).toBe(hex(second));
  });

  it('puts the encrypted outputs in authenticator data, and the verifier accepts the signed extension', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { credential } = await registered(authenticator);
    const request: RequestOptionsJSON = {
      ...(await authenticationOptions([credential.id])),
      extensions: { prf: { eval: { first: text('a'), second: text('b') } } },
    };
    const assertion = await authenticator.get(request, { origin: ORIGIN });
    const sealed = extensionsOf(assertion.response.authenticatorData)?.['hmac-secret'] as Uint8Array;
    expect(sealed).toHaveLength(16 + 64);
    const results = assertion.clientExtensionResults.prf?.results;
    expect(Buffer.from(sealed).includes(Buffer.from(results!.first))).toBe(false);
    const verified = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
    });
    expect(verified.verified).toBe(true);
    // What a client would post: the outputs are ArrayBuffers, which JSON leaves empty.
    expect(JSON.stringify(assertion)).not.toContain(Buffer.from(results!.first).toString('base64url'));
  });

  it('refuses what a browser refuses, with its error names', async () => {
    const authenticator = createSoftwareAuthenticator();
    const { response } = await registered(authenticator);
    const cases: [PrfInputsJSON, string[], string][] = [
      [{ evalByCredential: { [response.id]: { first: 'AA' } } }, [], 'NotSupportedError'],
      [{ evalByCredential: { b3RoZXI: { first: 'AA' } } }, [response.id], 'SyntaxError'],
      [{ evalByCredential: { 'not base64!': { first: 'AA' } } }, [response.id], 'SyntaxError'],
      [{ evalByCredential: { '': { first: 'AA' } } }, [response.id], 'SyntaxError'],
    ];
    for (const [prf, allow, code] of cases) {
      const error = await evaluate(authenticator, prf, { allow }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(AuthenticatorError);
      expect((error as AuthenticatorError).code).toBe(code);
    }
    const atCreation = await registered(authenticator, { evalByCredential: {} }).catch((err: unknown) => err);
    expect((atCreation as AuthenticatorError).code).toBe('NotSupportedError');
    expect(authenticator.credentials[0]?.counter).toBe(0);
  });
});
