/**
 * Bytes in and out of the text forms that passkey records are found in: base64url (WebAuthn's
 * JSON, this package's format), base64 (Better Auth's public keys), PostgreSQL's `\x` hex
 * (`row_to_json` of a `bytea`), and the JSON that a `Uint8Array` or a Node `Buffer` becomes.
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^\\x(?:[0-9a-fA-F]{2})*$/;

/** Unpadded base64url (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The bytes of a canonical unpadded base64url string (the only spelling of its bytes: no
 * padding, no stray bits), or null. WebAuthn compares IDs and user handles as these strings,
 * so a second spelling of the same bytes would be a different credential to the server.
 */
export function decodeBase64Url(text: unknown): Uint8Array | null {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = fromBase64(text);
  return toBase64Url(bytes) === text ? bytes : null;
}

/**
 * Bytes from any of the forms a stored byte string takes once dumped to JSON: a `Uint8Array`,
 * base64url or base64 text, `\x` hex, an array of byte values, `{ type: 'Buffer', data }`, or the
 * `{ "0": …, "1": … }` object that `JSON.stringify` makes of a `Uint8Array`. Null for anything else.
 */
export function decodeBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string') {
    if (HEX.test(value))
      return Uint8Array.from(value.slice(2).match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    const url = decodeBase64Url(value);
    if (url !== null) return url;
    const whole = value.includes('=') ? value.length % 4 === 0 : value.length % 4 !== 1;
    return BASE64.test(value) && whole ? fromBase64(value) : null;
  }
  if (Array.isArray(value)) return byteArray(value);
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (o.type === 'Buffer' && Array.isArray(o.data)) return byteArray(o.data);
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k, i) => k === String(i))) return byteArray(Object.values(o));
  }
  return null;
}

function byteArray(values: unknown[]): Uint8Array | null {
  const ok = values.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255);
  return ok ? Uint8Array.from(values as number[]) : null;
}

/** Equal byte strings. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
