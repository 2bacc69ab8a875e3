import type * as server from '@simplewebauthn/server';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AuthenticationResponseJSON,
  CreationOptionsJSON,
  RegistrationResponseJSON,
  RequestOptionsJSON,
  SoftwareAuthenticator,
} from '../src/index';

describe('public types', () => {
  it('accept SimpleWebAuthn options and produce responses its verifiers take', () => {
    expectTypeOf<server.PublicKeyCredentialCreationOptionsJSON>().toExtend<CreationOptionsJSON>();
    expectTypeOf<server.PublicKeyCredentialRequestOptionsJSON>().toExtend<RequestOptionsJSON>();
    expectTypeOf<RegistrationResponseJSON>().toExtend<server.RegistrationResponseJSON>();
    expectTypeOf<AuthenticationResponseJSON>().toExtend<server.AuthenticationResponseJSON>();
  });

  it('shape the authenticator', () => {
    expectTypeOf<
      SoftwareAuthenticator['create']
    >().returns.resolves.toEqualTypeOf<RegistrationResponseJSON>();
    expectTypeOf<SoftwareAuthenticator['get']>().returns.resolves.toEqualTypeOf<AuthenticationResponseJSON>();
    expectTypeOf<SoftwareAuthenticator['get']>().parameter(1).toHaveProperty('faults');
  });
});
