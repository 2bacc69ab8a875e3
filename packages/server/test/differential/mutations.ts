/** Mutations shared by the differential cases: look-alike origins, byte changes, encoding changes. */
import fc from 'fast-check';

/** Origins that a careless comparison could take for https://example.com. */
export const lookalikeOrigins = [
  'https://example.com.evil.example',
  'https://evil-example.com',
  'https://example.com:443',
  'https://example.com:8443',
  'https://example.com/',
  'http://example.com',
  'https://EXAMPLE.com',
  'https://sub.example.com',
  'https://examp1e.com',
  'https://exаmple.com', // Cyrillic а
  'https://xn--exmple-cua.com',
  'https://example.com\u0000',
  'android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFV',
  'null',
  '',
];

/** One byte changed, the bytes cut short, or a byte appended, in one part of a response. */
export interface ByteMutation {
  target: 'authenticatorData' | 'clientDataJSON' | 'signature' | 'attestationObject';
  /** Signed again after the change (the checks must refuse it), or not (the signature must). */
  resign: boolean;
  apply(bytes: Uint8Array): Uint8Array;
  /** How a counterexample reads. */
  toString(): string;
}

const byteChange = (targets: ByteMutation['target'][]) =>
  fc
    .record({
      target: fc.constantFrom(...targets),
      resign: fc.boolean(),
      kind: fc.constantFrom('xor', 'xor', 'xor', 'truncate', 'append'),
      at: fc.nat(),
      xor: fc.integer({ min: 1, max: 255 }),
    })
    .map(
      ({ kind, at, xor, ...rest }): ByteMutation => ({
        ...rest,
        apply(bytes) {
          if (kind === 'truncate') return bytes.slice(0, at % Math.max(1, bytes.length));
          if (kind === 'append') return Uint8Array.from([...bytes, xor]);
          const out = bytes.slice();
          if (out.length > 0) out[at % out.length] = (out[at % out.length] as number) ^ xor;
          return out;
        },
        toString: () => `${kind} ${rest.target}[${at}] ^${xor}${rest.resign ? ', re-signed' : ''}`,
      }),
    );

export const mutateBytes = byteChange(['authenticatorData', 'clientDataJSON', 'signature']);
export const mutateRegistrationBytes = byteChange(['attestationObject', 'clientDataJSON']);

/** One base64url member of the JSON written another way: padded, another alphabet, spaces, cut. */
export interface EncodingMutation {
  apply(json: { response: Record<string, unknown> }): void;
  /** How a counterexample reads. */
  toString(): string;
}

const recode: Record<string, (s: string) => string> = {
  pad: (s) => s + '='.repeat((4 - (s.length % 4)) % 4 || 1),
  'std-alphabet': (s) => (/[-_]/.test(s) ? s.replace('-', '+').replace('_', '/') : s.replace('A', '+')),
  space: (s) => `${s.slice(0, 4)} ${s.slice(4)}`,
  'drop-last': (s) => s.slice(0, -1),
  'append-char': (s) => `${s}A`,
  'inner-pad': (s) => `${s.slice(0, 4)}=${s.slice(4)}`,
  // Change the unused low bits of the last character: the same bytes, written differently.
  'trailing-bits': (s) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const unused = { 2: 4, 3: 2 }[(s.length % 4) as 2 | 3];
    if (unused === undefined) return s;
    const last = alphabet.indexOf(s.at(-1) as string);
    return s.slice(0, -1) + alphabet[last ^ 1];
  },
};

export const mutateEncoding = fc
  .record({
    field: fc.constantFrom(
      'clientDataJSON',
      'clientDataJSON',
      'authenticatorData',
      'signature',
      'userHandle',
      'attestationObject',
    ),
    kind: fc.constantFrom(...Object.keys(recode)),
  })
  .map(
    ({ field, kind }): EncodingMutation => ({
      apply(json) {
        const change = recode[kind] as (s: string) => string;
        const value = json.response[field];
        if (typeof value === 'string') json.response[field] = change(value);
      },
      toString: () => `${kind} ${field}`,
    }),
  );
