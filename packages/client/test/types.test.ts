import type { PasskeyErrorCode as CoreErrorCode, PasskeyError } from '@acme/passkey-core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Capabilities,
  type ClientErrorCode,
  type ErrorOutcome,
  isPasskeyError,
  type ListResult,
  type PasskeyClient,
  type PasskeyClientError,
  type PasskeyClientOptions,
  type PasskeyErrorCode,
  type PasskeyView,
  type PrfInput,
  type PrfOutputs,
  type PrfSalt,
  type RegisterOptions,
  type RegisterResult,
  type RemovalImpactResult,
  type RemoveResult,
  type RenameResult,
  type ServerErrorCode,
  type SignalResult,
  type SignInOptions,
  type SignInResult,
  type StepUpOptions,
  type StepUpResult,
} from '../src/index';

type Failures = 'cancelled' | 'unsupported' | 'misconfigured' | 'aborted' | 'error';

describe('public types', () => {
  it('gives every ceremony a discriminated union of outcomes', () => {
    expectTypeOf<RegisterResult['status']>().toEqualTypeOf<'created' | 'already-registered' | Failures>();
    expectTypeOf<SignInResult['status']>().toEqualTypeOf<'signed-in' | Failures>();
    expectTypeOf<StepUpResult['status']>().toEqualTypeOf<'verified' | Failures>();
  });

  it('narrows on status', () => {
    expectTypeOf<Extract<RegisterResult, { status: 'created' }>>().toEqualTypeOf<{
      status: 'created';
      passkey: PasskeyView;
      prf?: PrfOutputs;
    }>();
    expectTypeOf<Extract<SignInResult, { status: 'signed-in' }>>().toEqualTypeOf<{
      status: 'signed-in';
      userId: string;
      passkey: PasskeyView;
      prf?: PrfOutputs;
    }>();
    expectTypeOf<Extract<StepUpResult, { status: 'verified' }>['receipt']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<StepUpResult, { status: 'verified' }>['prf']>().toEqualTypeOf<
      PrfOutputs | undefined
    >();
    expectTypeOf<PrfOutputs>().toEqualTypeOf<{ first: ArrayBuffer; second?: ArrayBuffer }>();
    expectTypeOf<PasskeyView['prf']>().toEqualTypeOf<boolean>();
    expectTypeOf<Extract<SignInResult, { status: 'misconfigured' }>['message']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<SignInResult, { status: 'error' }>>().toEqualTypeOf<ErrorOutcome>();
    expectTypeOf<ErrorOutcome['error']['code']>().toEqualTypeOf<PasskeyErrorCode>();
    expectTypeOf<
      'NETWORK_ERROR' | 'INVALID_RESPONSE' | 'CREDENTIAL_NOT_FOUND'
    >().toExtend<PasskeyErrorCode>();
  });

  it('resolves every call that is not a ceremony to ok or error', () => {
    expectTypeOf<ListResult['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<RenameResult['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<RemovalImpactResult['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<RemoveResult['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<SignalResult['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<Extract<ListResult, { status: 'ok' }>['userHandle']>().toEqualTypeOf<string | null>();
    expectTypeOf<Extract<RemovalImpactResult, { status: 'ok' }>['lowersSecurity']>().toEqualTypeOf<true>();
  });

  it('declares the protocol’s errors as the server does, with no dependency on core', () => {
    expectTypeOf<ServerErrorCode>().toEqualTypeOf<CoreErrorCode>();
    expectTypeOf<PasskeyErrorCode>().toEqualTypeOf<ServerErrorCode | ClientErrorCode>();
    expectTypeOf<ClientErrorCode>().toEqualTypeOf<'NETWORK_ERROR' | 'INVALID_RESPONSE' | 'WEBAUTHN_ERROR'>();
    expectTypeOf<PasskeyError>().toExtend<PasskeyClientError>();
    expectTypeOf<ErrorOutcome['error']>().toEqualTypeOf<PasskeyClientError>();
    const value: unknown = null;
    if (isPasskeyError(value)) expectTypeOf(value.code).toEqualTypeOf<PasskeyErrorCode>();
    if (isPasskeyError(value, 'PASSKEY_ON_HOLD', 'RECEIPT_REPLAYED')) {
      expectTypeOf(value.code).toEqualTypeOf<'PASSKEY_ON_HOLD' | 'RECEIPT_REPLAYED'>();
      expectTypeOf(value.details).toEqualTypeOf<Record<string, unknown> | undefined>();
    }
    // @ts-expect-error an app's own code is not a passkey error code
    isPasskeyError(value, 'ORDER_NOT_FOUND');
  });

  it('revives dates', () => {
    expectTypeOf<PasskeyView['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<PasskeyView['lastUsedAt']>().toEqualTypeOf<Date | null>();
  });

  it('names each call with the word docs/design.md gives its idea', () => {
    expectTypeOf<keyof PasskeyClient>().toEqualTypeOf<
      | 'capabilities'
      | 'register'
      | 'upgrade'
      | 'signIn'
      | 'stepUp'
      | 'list'
      | 'rename'
      | 'removalImpact'
      | 'remove'
      | 'signalCurrentUserDetails'
    >();
    expectTypeOf<PasskeyClient['stepUp']>().parameters.toEqualTypeOf<[StepUpOptions]>();
    expectTypeOf<StepUpOptions>().toEqualTypeOf<{
      action: string;
      details: Record<string, unknown>;
      prf?: PrfInput;
      signal?: AbortSignal;
    }>();
  });

  it('types the client methods', () => {
    expectTypeOf<PasskeyClient['register']>().returns.resolves.toEqualTypeOf<RegisterResult>();
    expectTypeOf<PasskeyClient['upgrade']>().returns.resolves.toEqualTypeOf<RegisterResult>();
    expectTypeOf<PasskeyClient['signIn']>().returns.resolves.toEqualTypeOf<SignInResult>();
    expectTypeOf<PasskeyClient['stepUp']>().returns.resolves.toEqualTypeOf<StepUpResult>();
    expectTypeOf<PasskeyClient['list']>().returns.resolves.toEqualTypeOf<ListResult>();
    expectTypeOf<PasskeyClient['remove']>().parameters.toEqualTypeOf<[string, { confirm: true }]>();
    expectTypeOf<PasskeyClient['capabilities']>().returns.resolves.toEqualTypeOf<Capabilities>();
    expectTypeOf<RegisterOptions['authenticator']>().toEqualTypeOf<
      'this-device' | 'other-device' | 'security-key' | 'any' | undefined
    >();
    expectTypeOf<SignInOptions['mediation']>().toEqualTypeOf<'modal' | 'conditional' | undefined>();
    expectTypeOf<SignInOptions['authenticator']>().toEqualTypeOf<RegisterOptions['authenticator']>();
    expectTypeOf<RegisterOptions['prf']>().toEqualTypeOf<
      boolean | { first: PrfSalt; second?: PrfSalt } | undefined
    >();
    expectTypeOf<Uint8Array | DataView | ArrayBuffer | string>().toExtend<PrfSalt>();
    expectTypeOf<{ first: 'c2FsdA' }>().toExtend<NonNullable<SignInOptions['prf']>>();
    expectTypeOf<{ evalByCredential: Record<string, { first: Uint8Array }> }>().toExtend<
      NonNullable<SignInOptions['prf']>
    >();
    expectTypeOf<{ second: 'x' }>().not.toExtend<NonNullable<SignInOptions['prf']>>();
    expectTypeOf<PasskeyClientOptions['signals']>().toEqualTypeOf<
      | { unknownCredential?: boolean; allAcceptedCredentials?: boolean; currentUserDetails?: boolean }
      | undefined
    >();
  });
});
