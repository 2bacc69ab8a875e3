import { base64URLStringToBuffer as decode } from '@simplewebauthn/browser';

/** A PRF input: bytes (any typed array or `ArrayBuffer`), or the same bytes as base64url text. */
export type PrfSalt = ArrayBuffer | ArrayBufferView | string;

/** One or two PRF inputs (WebAuthn L3 §10.1.4 `AuthenticationExtensionsPRFValues`). */
export interface PrfSalts {
  first: PrfSalt;
  second?: PrfSalt;
}

/**
 * What to evaluate at sign-in or step-up: salts for whichever passkey answers, or the spec's
 * `{ eval?, evalByCredential? }` with salts per credential ID (base64url).
 */
export type PrfInput = PrfSalts | { eval?: PrfSalts; evalByCredential?: Record<string, PrfSalts> };

/**
 * The PRF outputs, 32 bytes each: `first` for `salts.first`, `second` for `salts.second`. The
 * same passkey and salt always give the same bytes; they stay in the browser.
 */
export interface PrfOutputs {
  first: ArrayBuffer;
  second?: ArrayBuffer;
}

const values = ({ first, second }: PrfSalts) => {
  const bytes = (salt: PrfSalt) => (typeof salt === 'string' ? decode(salt) : salt);
  return second === undefined ? { first: bytes(first) } : { first: bytes(first), second: bytes(second) };
};

/**
 * The `prf` extension input. At registration, `true` asks only whether the passkey supports
 * PRF (`prf: {}`), salts ask for outputs too. At sign-in, `evalByCredential` keeps only the
 * credentials the options allow: the browser refuses any other key, and any at all when
 * `allowCredentials` is empty (L3 §10.1.4, client extension processing).
 */
export function prfExtension(
  input: PrfInput | boolean | undefined,
  allowed: { id: string }[] = [],
): { prf: object } | undefined {
  if (!input) return undefined;
  if (input === true) return { prf: {} };
  const { eval: all, evalByCredential = {} } = 'first' in input ? { eval: input } : input;
  const chosen = allowed
    .filter(({ id }) => evalByCredential[id])
    .map(({ id }) => [id, values(evalByCredential[id]!)]);
  return {
    prf: {
      ...(all && { eval: values(all) }),
      ...(chosen.length && { evalByCredential: Object.fromEntries(chosen) }),
    },
  };
}
