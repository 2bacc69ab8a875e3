import { describe, expect, it } from 'vitest';
import { throwsCode } from '../../test/webauthn/helpers';
import { parseClientData } from './client-data';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const base = { type: 'webauthn.get', challenge: 'abc', origin: 'https://example.com' };

describe('parseClientData', () => {
  it('parses a browser’s client data and keeps the exact bytes the signature covers', () => {
    const bytes = encode({ ...base, crossOrigin: false, other: 'kept out' });
    expect(parseClientData(bytes)).toEqual({ ...base, crossOrigin: false, bytes });
  });

  it('strips a leading byte order mark, as the spec’s UTF-8 decode does', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(base)]);
    expect(parseClientData(bytes).type).toBe('webauthn.get');
  });

  it('refuses invalid UTF-8 instead of replacing it', async () => {
    const json = new TextEncoder().encode(
      `{"type":"webauthn.get","challenge":"abc","origin":"https://example.com","x":"`,
    );
    for (const bad of [
      [0xff],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ]) {
      const bytes = Uint8Array.from([...json, ...bad, 0x22, 0x7d]);
      await throwsCode(() => parseClientData(bytes), 'INVALID_REQUEST');
    }
  });

  it('takes crossOrigin only as a boolean, and topOrigin only as a string', async () => {
    expect(parseClientData(encode({ ...base, crossOrigin: true })).crossOrigin).toBe(true);
    expect(
      parseClientData(encode({ ...base, crossOrigin: true, topOrigin: 'https://a.example' })).topOrigin,
    ).toBe('https://a.example');
    for (const crossOrigin of ['true', 'false', 1, 0, null, {}, []]) {
      await throwsCode(() => parseClientData(encode({ ...base, crossOrigin })), 'INVALID_REQUEST');
    }
    for (const topOrigin of [1, null, true, {}, ['https://a.example']]) {
      await throwsCode(() => parseClientData(encode({ ...base, topOrigin })), 'INVALID_REQUEST');
    }
  });

  it('takes a tokenBinding only with status "supported"', async () => {
    expect(parseClientData(encode({ ...base, tokenBinding: { status: 'supported' } })).tokenBinding).toBe(
      'supported',
    );
    for (const tokenBinding of [
      { status: 'present', id: 'x' },
      { status: 'not-supported' },
      { status: 'notSupported' },
      null,
      'supported',
      {},
    ]) {
      await throwsCode(() => parseClientData(encode({ ...base, tokenBinding })), 'INVALID_REQUEST');
    }
  });

  it('refuses client data that lacks a string type, challenge or origin, or is not a JSON object', async () => {
    for (const value of [
      { challenge: 'abc', origin: 'https://example.com' },
      { ...base, type: 1 },
      { ...base, challenge: null },
      { ...base, origin: ['https://example.com'] },
      [base],
      'webauthn.get',
      null,
    ]) {
      await throwsCode(() => parseClientData(encode(value)), 'INVALID_REQUEST');
    }
    await throwsCode(() => parseClientData(new TextEncoder().encode('{"type":')), 'INVALID_REQUEST');
  });
});
