import { type CBORType, decodePartialCBOR } from '@levischuck/tiny-cbor';
import { invalid } from '../errors/refusals';

/**
 * A decoded CBOR value: CBOR maps stay `Map`s (COSE keys are integers), byte strings are
 * `Uint8Array`s. Decoded by tiny-cbor, the decoder SimpleWebAuthn itself ships, which refuses
 * indefinite lengths, non-minimal lengths and duplicate map keys; text must be UTF-8, and items
 * nest at most 16 deep.
 */
export type CborValue = CBORType;

/** tiny-cbor reads by offsets into `bytes.buffer`: give it a view that starts and ends with its buffer. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * tiny-cbor decodes text strings leniently, invalid UTF-8 becoming U+FFFD. CBOR text must be valid
 * UTF-8 (RFC 8949 §3.1) and no WebAuthn structure carries U+FFFD, so a text that holds one is taken
 * for invalid UTF-8 and refused.
 */
function hasInvalidText(value: CborValue, depth = 0): boolean {
  if (depth > 16) return true; // WebAuthn's structures are shallow: deeper nesting is refused
  if (typeof value === 'string') return value.includes('\uFFFD');
  if (Array.isArray(value)) return value.some((v) => hasInvalidText(v, depth + 1));
  if (value instanceof Map) {
    for (const [k, v] of value) if (hasInvalidText(k, depth + 1) || hasInvalidText(v, depth + 1)) return true;
  }
  return false;
}

/**
 * Decodes the one CBOR item that starts at `offset` and tells where it ends, so that a structure
 * holding CBOR among other bytes (authenticator data) is read once, without re-encoding anything
 * to learn a length. An item that claims more bytes than there are is INVALID_REQUEST.
 */
export function decodeCborItem(
  bytes: Uint8Array,
  offset: number,
  what: string,
): { value: CborValue; end: number } {
  const data = ownBuffer(bytes);
  let decoded: [CborValue, number];
  try {
    decoded = decodePartialCBOR(data, offset);
  } catch (err) {
    return invalid(`${what} is not well-formed CBOR`, err);
  }
  const end = offset + decoded[1];
  // tiny-cbor counts a truncated byte string at its claimed length: the end tells.
  if (end > data.byteLength) invalid(`${what} is truncated`);
  if (hasInvalidText(decoded[0])) invalid(`${what} holds text that is not UTF-8`);
  return { value: decoded[0], end };
}

/** Decodes a buffer that holds exactly one CBOR item: anything after it is INVALID_REQUEST. */
export function decodeCbor(bytes: Uint8Array, what: string): CborValue {
  const { value, end } = decodeCborItem(bytes, 0, what);
  if (end !== bytes.byteLength) invalid(`${what} has bytes after its CBOR item`);
  return value;
}

/** True for a CBOR map (a JS `Map`). */
export const isCborMap = (value: unknown): value is Map<string | number, CborValue> => value instanceof Map;
