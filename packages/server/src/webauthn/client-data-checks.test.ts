import { describe, it } from 'vitest';
import { throwsCode } from '../../test/webauthn/helpers';
import type { ClientData } from './client-data';
import { checkChallenge, checkOrigin, checkSameOrigin, checkType } from './client-data-checks';

const data = (fields: Partial<ClientData> = {}): ClientData => ({
  type: 'webauthn.get',
  challenge: 'abc',
  origin: 'https://example.com',
  bytes: new Uint8Array(),
  ...fields,
});
const ORIGINS = ['https://example.com', 'android:apk-key-hash:abc'];

describe('client data checks', () => {
  it('pass a response of the expected type, challenge and origin, run in the page itself', () => {
    checkType(data(), 'webauthn.get');
    checkChallenge(data(), 'abc');
    checkOrigin(data(), ORIGINS);
    checkOrigin(data({ origin: 'android:apk-key-hash:abc' }), ORIGINS);
    checkSameOrigin(data({ crossOrigin: false }));
  });

  it('refuse another type or challenge with VERIFICATION_FAILED', async () => {
    await throwsCode(
      () => checkType(data({ type: 'webauthn.create' }), 'webauthn.get'),
      'VERIFICATION_FAILED',
    );
    await throwsCode(() => checkType(data(), 'webauthn.create'), 'VERIFICATION_FAILED');
    for (const challenge of ['abd', 'ab', 'abc=', 'ABC', '']) {
      await throwsCode(() => checkChallenge(data({ challenge }), 'abc'), 'VERIFICATION_FAILED');
    }
  });

  it('refuse any origin that is not exactly a configured one with ORIGIN_MISMATCH', async () => {
    for (const origin of [
      'https://example.com.evil.example',
      'https://evil-example.com',
      'https://example.com:443',
      'https://example.com/',
      'http://example.com',
      'https://EXAMPLE.com',
      'https://sub.example.com',
      'https://examp1e.com',
      'https://exаmple.com', // Cyrillic а
      'android:apk-key-hash:abd',
    ]) {
      await throwsCode(() => checkOrigin(data({ origin }), ORIGINS), 'ORIGIN_MISMATCH');
    }
  });

  it('refuse a ceremony run in a cross-origin iframe with ORIGIN_MISMATCH', async () => {
    await throwsCode(() => checkSameOrigin(data({ crossOrigin: true })), 'ORIGIN_MISMATCH');
    await throwsCode(() => checkSameOrigin(data({ topOrigin: 'https://evil.example' })), 'ORIGIN_MISMATCH');
    await throwsCode(() => checkSameOrigin(data({ crossOrigin: false, topOrigin: '' })), 'ORIGIN_MISMATCH');
  });
});
