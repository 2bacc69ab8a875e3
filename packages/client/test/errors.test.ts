import { PASSKEY_ERROR_CODES, PasskeyError } from '@acme/passkey-core';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyClient, isPasskeyError } from '../src/index';
import { fakeBrowser, recordingFetch } from './fakes';

afterEach(() => {
  vi.unstubAllGlobals();
});

const CLIENT_CODES = ['NETWORK_ERROR', 'INVALID_RESPONSE', 'WEBAUTHN_ERROR'] as const;

describe('isPasskeyError', () => {
  it('knows every code of the server, and its own', () => {
    for (const code of [...PASSKEY_ERROR_CODES, ...CLIENT_CODES]) {
      expect(isPasskeyError({ code, message: 'm' }), code).toBe(true);
    }
  });

  it('takes a PasskeyError, and its JSON as the server answers it', () => {
    for (const code of PASSKEY_ERROR_CODES) {
      const error = new PasskeyError(code, 'm', { details: { availableAt: '2030-01-01T00:00:00.000Z' } });
      expect(isPasskeyError(error, code), code).toBe(true);
      const body = JSON.parse(JSON.stringify(error.toJSON()));
      expect(isPasskeyError(body.error, code), code).toBe(true);
    }
  });

  it('matches only the codes it is given', () => {
    const onHold = { code: 'PASSKEY_ON_HOLD', message: 'm' };
    expect(isPasskeyError(onHold, 'PASSKEY_ON_HOLD')).toBe(true);
    expect(isPasskeyError(onHold, 'RECEIPT_REPLAYED', 'PASSKEY_ON_HOLD')).toBe(true);
    expect(isPasskeyError(onHold, 'RECEIPT_REPLAYED')).toBe(false);
    expect(isPasskeyError({ code: 'NETWORK_ERROR', message: 'm' }, 'INTERNAL_ERROR')).toBe(false);
  });

  it('refuses anything else, an app’s own codes and the whole body included', () => {
    for (const value of [
      null,
      undefined,
      'INVALID_REQUEST',
      42,
      true,
      [],
      {},
      new Error('INVALID_REQUEST'),
      new DOMException('x', 'NotAllowedError'),
      { code: 'ORDER_NOT_FOUND', message: 'm' },
      { code: 'INVALID_REQUEST' },
      { code: 'INVALID_REQUEST', message: 42 },
      { code: 'INVALID_REQUEST', message: 'm', details: 'x' },
      { code: 'INVALID_REQUEST', message: 'm', details: null },
      { code: 'invalid_request', message: 'm' },
      { code: 'toString', message: 'm' },
      { code: 'constructor', message: 'm' },
      { code: ['INVALID_REQUEST'], message: 'm' },
      { error: { code: 'INVALID_REQUEST', message: 'm' } },
    ]) {
      expect(isPasskeyError(value), String(JSON.stringify(value))).toBe(false);
    }
  });

  it('never throws, and says true only of a known code with a text message', () => {
    const codes = new Set<string>([...PASSKEY_ERROR_CODES, ...CLIENT_CODES]);
    const shaped = fc.record(
      {
        code: fc.oneof(fc.constantFrom(...codes), fc.string()),
        message: fc.oneof(fc.string(), fc.anything()),
        details: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped), (value) => {
        const yes = isPasskeyError(value);
        const v = value as { code?: unknown; message?: unknown } | null;
        if (yes) expect(codes.has(v?.code as string) && typeof v?.message === 'string').toBe(true);
      }),
    );
  });

  it('recognises the errors of the client’s own outcomes', async () => {
    fakeBrowser();
    const limit = [409, { error: { code: 'PASSKEY_LIMIT_REACHED', message: 'Ten' } }] as [number, unknown];
    const refused = recordingFetch({ 'POST /passkeys/register/options': limit });
    const result = await createPasskeyClient({ fetch: refused.fetch }).register();
    expect(result.status === 'error' && isPasskeyError(result.error, 'PASSKEY_LIMIT_REACHED')).toBe(true);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const listed = await createPasskeyClient({ fetch: offline }).list();
    expect(listed.status === 'error' && isPasskeyError(listed.error, 'NETWORK_ERROR')).toBe(true);
  });
});
