import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isPasskeyError,
  PASSKEY_ERROR_CODES,
  PASSKEY_ERROR_STATUS,
  PasskeyError,
  type PasskeyErrorCode,
} from '../src/index';

describe('PasskeyError', () => {
  it('gives every code its one status from the documented error table', () => {
    const byStatus: Record<number, string[]> = {};
    for (const code of PASSKEY_ERROR_CODES) {
      const status = new PasskeyError(code, 'x').status;
      byStatus[status] = [...(byStatus[status] ?? []), code];
    }
    expect(byStatus).toEqual({
      400: ['INVALID_REQUEST', 'INVALID_NAME'],
      401: ['NOT_SIGNED_IN'],
      403: [
        'STEP_UP_REQUIRED',
        'CROSS_SITE_REQUEST',
        'AUTHENTICATOR_NOT_ALLOWED',
        'ATTESTATION_NOT_TRUSTED',
        'PASSKEY_ON_HOLD',
      ],
      404: ['CREDENTIAL_NOT_FOUND'],
      405: ['METHOD_NOT_ALLOWED'],
      409: [
        'PASSKEY_LIMIT_REACHED',
        'CREDENTIAL_ALREADY_REGISTERED',
        'CONFIRMATION_REQUIRED',
        'RECEIPT_REPLAYED',
      ],
      410: ['CEREMONY_NOT_FOUND'],
      413: ['BODY_TOO_LARGE'],
      415: ['UNSUPPORTED_MEDIA_TYPE'],
      422: [
        'ORIGIN_MISMATCH',
        'RP_ID_MISMATCH',
        'USER_VERIFICATION_REQUIRED',
        'VERIFICATION_FAILED',
        'COUNTER_REGRESSION',
        'RECEIPT_INVALID',
      ],
      429: ['RATE_LIMITED'],
      500: ['INTERNAL_ERROR'],
      503: ['STORE_UNAVAILABLE'],
    });
  });

  it('keeps cause and details, and serialises to the wire shape without the cause', () => {
    const cause = new Error('db down');
    const err = new PasskeyError('CONFIRMATION_REQUIRED', 'Confirm', { details: { remaining: 0 }, cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      error: { code: 'CONFIRMATION_REQUIRED', message: 'Confirm', details: { remaining: 0 } },
    });
    expect(new PasskeyError('NOT_SIGNED_IN', 'no').toJSON()).toEqual({
      error: { code: 'NOT_SIGNED_IN', message: 'no' },
    });
  });

  it('is recognised, also by code and across copies of the package', () => {
    const err = new PasskeyError('RATE_LIMITED', 'slow down');
    expect(isPasskeyError(err)).toBe(true);
    expect(isPasskeyError(err, 'RATE_LIMITED', 'INTERNAL_ERROR')).toBe(true);
    expect(isPasskeyError(err, 'INVALID_REQUEST')).toBe(false);
    const foreign = { name: 'PasskeyError', code: 'RATE_LIMITED', status: 429, message: 'x' };
    expect(isPasskeyError(foreign)).toBe(true);
    for (const value of [
      null,
      undefined,
      'x',
      42,
      new Error('x'),
      { name: 'PasskeyError', code: 'NOPE', status: 1 },
    ]) {
      expect(isPasskeyError(value)).toBe(false);
    }
  });

  it('types code as a literal union', () => {
    expectTypeOf(new PasskeyError('INVALID_NAME', 'x').code).toEqualTypeOf<PasskeyErrorCode>();
    expectTypeOf<'INVALID_NAME'>().toExtend<PasskeyErrorCode>();
    expectTypeOf(PASSKEY_ERROR_STATUS.STORE_UNAVAILABLE).toEqualTypeOf<503>();
  });
});
