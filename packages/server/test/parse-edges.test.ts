/**
 * Edges of the parsers the mutation run found untested: CBOR read from a view into a larger buffer,
 * text that is not UTF-8 anywhere in a list or a map, the nesting limit at its bound; User-Agents
 * that are not text, too long, or name a browser but no system.
 */
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../src/index';
import { parseAttestationObject } from '../src/webauthn/attestation-object';
import { decodeCbor } from '../src/webauthn/cbor';
import { parseRegistrationResponse, registrationResponseOf } from '../src/webauthn/registration-response';
import { parseCredentialJson } from '../src/webauthn/response-json';
import { credential, throwsCode, unb64 } from './webauthn/helpers';

const bytes = (...values: number[]) => Uint8Array.from(values);
/** A CBOR text string of two bytes that are not UTF-8. */
const BAD_TEXT = [0x62, 0xff, 0xfe];
const OK_TEXT = [0x62, 0x6f, 0x6b]; // "ok"

describe('decodeCbor at the edges', () => {
  it('reads a view that starts inside a larger buffer as the view, not the buffer', () => {
    const buffer = bytes(0x01, 0x02, 0x82, ...OK_TEXT, 0x03, 0x04);
    expect(decodeCbor(buffer.subarray(2, 7), 'item')).toEqual(['ok', 3]);
    expect(decodeCbor(buffer.subarray(3, 6), 'item')).toBe('ok');
  });

  it('refuses text that is not UTF-8 wherever it is: after good items in a list, a map key, a map value', async () => {
    await throwsCode(() => decodeCbor(bytes(0x82, ...OK_TEXT, ...BAD_TEXT), 'list'), 'INVALID_REQUEST');
    await throwsCode(() => decodeCbor(bytes(0xa1, ...BAD_TEXT, 0x01), 'map key'), 'INVALID_REQUEST');
    await throwsCode(
      () => decodeCbor(bytes(0xa2, 0x01, 0x02, 0x03, ...BAD_TEXT), 'map value'),
      'INVALID_REQUEST',
    );
    expect(decodeCbor(bytes(0x82, ...OK_TEXT, ...OK_TEXT), 'list')).toEqual(['ok', 'ok']);
  });

  it('takes items nested 16 deep, and refuses 17, in lists and in maps', async () => {
    const lists = (depth: number) => bytes(...Array(depth).fill(0x81), ...OK_TEXT);
    expect(decodeCbor(lists(16), 'lists')).toBeDefined();
    await throwsCode(() => decodeCbor(lists(17), 'lists'), 'INVALID_REQUEST');
    // {1: {1: … "ok"}}: each map one level.
    const maps = (depth: number) => bytes(...Array(depth).fill([0xa1, 0x01]).flat(), ...OK_TEXT);
    expect(decodeCbor(maps(16), 'maps')).toBeInstanceOf(Map);
    await throwsCode(() => decodeCbor(maps(17), 'maps'), 'INVALID_REQUEST');
  });
});

describe('describeUserAgent at the edges', () => {
  const chrome =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

  it('says nothing of a missing User-Agent', () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent(undefined)).toBeNull();
  });

  it('reads only the first 512 characters', () => {
    expect(describeUserAgent(chrome)).toBe('Chrome on Windows');
    expect(describeUserAgent(`${'x'.repeat(512)} ${chrome}`)).toBeNull();
  });

  it('says nothing when the browser is known but the system is not', () => {
    expect(
      describeUserAgent('Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
    ).toBeNull();
  });
});

describe('responses at the edges', () => {
  it('refuses a credential ID that is empty, not base64url or longer than 1023 bytes, and non-text padding', async () => {
    const { registration } = await credential('ES256');
    const withId = (id: unknown) => ({ ...registration, id, rawId: id });
    expect(parseCredentialJson(withId(registration.id)).id).toBe(registration.id);
    expect(parseCredentialJson(withId(`${registration.id}=`)).id).toBe(registration.id);
    expect(parseCredentialJson(withId('A'.repeat(1366))).id).toHaveLength(1366);
    for (const id of ['', '=', 'not base64url!', 'A'.repeat(1367), 42, null, ['AAAA'], ['AAAA=']]) {
      await throwsCode(() => parseCredentialJson(withId(id)), 'INVALID_REQUEST');
    }
    // Padding is dropped from text only: a list whose one item ends in '=' is not a padded string.
    for (const clientDataJSON of [42, [`${registration.response.clientDataJSON}=`]]) {
      const response = { ...registration.response, clientDataJSON };
      await throwsCode(() => parseCredentialJson({ ...registration, response }), 'INVALID_REQUEST');
    }
  });

  it('takes up to 10 transports, and parses a response only once', async () => {
    const { registration } = await credential('ES256');
    const transports = (n: number) => ({
      ...registration,
      response: { ...registration.response, transports: Array(n).fill('usb') },
    });
    expect(parseRegistrationResponse(transports(10)).transports).toHaveLength(10);
    await throwsCode(() => parseRegistrationResponse(transports(11)), 'INVALID_REQUEST');
    const parsed = parseRegistrationResponse(registration);
    expect(registrationResponseOf(parsed)).toBe(parsed);
    const again = registrationResponseOf(registration);
    expect(again).not.toBe(registration);
    expect(again.attestation.fmt).toBe('none');
  });

  it('takes a format identifier of up to 32 characters, and refuses authData that is not bytes', async () => {
    const { registration } = await credential('ES256');
    const decoded = isoCBOR.decodeFirst<Map<string, unknown>>(unb64(registration.response.attestationObject));
    const variant = (key: string, value: unknown) =>
      isoCBOR.encode(new Map([...decoded, [key, value]]) as never);
    expect(parseAttestationObject(variant('fmt', 'x'.repeat(32))).fmt).toBe('x'.repeat(32));
    await throwsCode(() => parseAttestationObject(variant('fmt', 'x'.repeat(33))), 'INVALID_REQUEST');
    for (const authData of [5, new Map(), ['bytes']]) {
      await throwsCode(() => parseAttestationObject(variant('authData', authData)), 'INVALID_REQUEST');
    }
  });
});
