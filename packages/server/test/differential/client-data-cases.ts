/** Client data for the differential cases: each member valid, or wrong the ways clients and attackers make it. */
import fc from 'fast-check';
import { CHALLENGE, ORIGIN } from '../webauthn/helpers';
import { lookalikeOrigins } from './mutations';

export const ANDROID_ORIGIN = 'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU';
/** The origins the judged server accepts: a web origin and an Android app. */
export const ORIGINS = [ORIGIN, ANDROID_ORIGIN];

/** `usual` four times out of five (or `weight` in `weight + 1`), else one of `others`. */
export const often = <T>(usual: T, others: fc.Arbitrary<T>, weight = 4) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight }, { arbitrary: others, weight: 1 });

/** The client data choices of a case; `valid` keeps every member right. */
export const clientDataCase = (type: 'webauthn.get' | 'webauthn.create', valid = false) =>
  fc.record({
    type: valid
      ? fc.constant(type)
      : often(
          type,
          fc.constantFrom(
            'webauthn.create',
            'webauthn.get',
            `${type} `,
            type.toUpperCase(),
            'payment.get',
            '',
          ),
          9,
        ),
    challenge: valid
      ? fc.constant(CHALLENGE)
      : often(
          CHALLENGE,
          fc.constantFrom(`${CHALLENGE}=`, CHALLENGE.slice(1), CHALLENGE.toUpperCase(), 'b3RoZXI', ''),
          9,
        ),
    origin: valid
      ? fc.constantFrom(...ORIGINS)
      : often(ORIGIN, fc.constantFrom(ANDROID_ORIGIN, ...lookalikeOrigins), 3),
    crossOrigin: valid
      ? fc.constantFrom<unknown>('absent', false)
      : often<unknown>(false, fc.constantFrom('absent', true, 'true', 'false', 1, 0, null), 6),
    topOrigin: valid
      ? fc.constant<unknown>('absent')
      : often<unknown>('absent', fc.constantFrom(ORIGIN, 'https://evil.example', '', 7), 19),
    tokenBinding: valid
      ? fc.constant<unknown>('absent')
      : often<unknown>(
          'absent',
          fc.constantFrom(
            { status: 'supported' },
            { status: 'present', id: 'aWQ' },
            { status: 'notSupported' },
            { status: 'not-supported' },
            null,
            'supported',
          ),
          19,
        ),
    text: valid
      ? fc.constantFrom('plain', 'extra', 'unicode', 'bom')
      : often(
          'plain',
          fc.constantFrom('extra', 'unicode', 'bom', 'invalid-utf8', 'spaces', 'reordered', 'duplicate-type'),
          3,
        ),
  });

/** The choices of one client data. */
export type ClientDataCase = ReturnType<typeof clientDataCase> extends fc.Arbitrary<infer T> ? T : never;

/** The bytes of the client data of `c`, serialised as a browser would, or deliberately not. */
export function clientDataBytes(c: ClientDataCase): Uint8Array {
  const fields: Record<string, unknown> = { type: c.type, challenge: c.challenge, origin: c.origin };
  if (c.crossOrigin !== 'absent') fields.crossOrigin = c.crossOrigin;
  if (c.topOrigin !== 'absent') fields.topOrigin = c.topOrigin;
  if (c.tokenBinding !== 'absent') fields.tokenBinding = c.tokenBinding;
  if (c.text === 'extra')
    fields.other_keys_can_be_added_here = 'do not compare clientDataJSON against a template';
  if (c.text === 'unicode') fields.note = 'Zürich — 東京 🔑';
  let json = JSON.stringify(fields);
  if (c.text === 'spaces') json = JSON.stringify(fields, null, 2);
  if (c.text === 'reordered') json = JSON.stringify(Object.fromEntries(Object.entries(fields).reverse()));
  if (c.text === 'duplicate-type') json = `{"type":"webauthn.nope",${json.slice(1)}`;
  const bytes = new TextEncoder().encode(json);
  if (c.text === 'bom') return Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
  // A string member holding an invalid UTF-8 sequence (0xc3 0x28).
  if (c.text === 'invalid-utf8')
    return Uint8Array.from([...bytes.slice(0, -1), ...Buffer.from(',"x":"'), 0xc3, 0x28, 0x22, 0x7d]);
  return bytes;
}
