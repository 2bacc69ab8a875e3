import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { fromBase64url } from './base64url';
import { encodeCbor } from './cbor';
import { AuthenticatorError } from './errors';
import type { PrfInputsJSON, PrfOutputs, PrfValuesJSON } from './types';

/** A credential's two CTAP2 `hmac-secret` keys: one used when the user is verified, one when not. */
export interface CredRandom {
  withUV: Uint8Array;
  withoutUV: Uint8Array;
}

/** Made at registration when `hmac-secret` is asked for (CTAP 2.1 §12.5): 32 random bytes each. */
export const createCredRandom = (): CredRandom => ({
  withUV: new Uint8Array(randomBytes(32)),
  withoutUV: new Uint8Array(randomBytes(32)),
});

const bytesOf = (value: PrfValuesJSON['first']): Uint8Array =>
  typeof value === 'string'
    ? fromBase64url(value)
    : ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : new Uint8Array(value);

/** L3 §10.1.4: the client sends `hmac-secret` SHA-256(UTF-8 "WebAuthn PRF" ‖ 0x00 ‖ input), never the input. */
export function prfSalt(input: PrfValuesJSON['first']): Uint8Array {
  return new Uint8Array(createHash('sha256').update('WebAuthn PRF\0').update(bytesOf(input)).digest());
}

const hmac = (key: Uint8Array, salt: Uint8Array) => {
  const out = createHmac('sha256', key).update(salt).digest();
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
};

/** CTAP 2.1 §12.5: output = HMAC-SHA-256(CredRandom, salt), with the key of the UV state of this response. */
export function evaluatePrf(credRandom: CredRandom, values: PrfValuesJSON, uv: boolean): PrfOutputs {
  const key = uv ? credRandom.withUV : credRandom.withoutUV;
  const first = hmac(key, prfSalt(values.first));
  return values.second === undefined ? { first } : { first, second: hmac(key, prfSalt(values.second)) };
}

/**
 * The PRF input for the credential that answers a `get()` (L3 §10.1.4, client extension
 * processing): its `evalByCredential` entry, else `eval`. Refuses what a browser refuses:
 * `evalByCredential` without `allowCredentials` (NotSupportedError), a key that is not the
 * base64url ID of an allowed credential (SyntaxError).
 */
export function prfInputFor(
  inputs: PrfInputsJSON,
  allowed: readonly string[],
  credentialId: string,
): PrfValuesJSON | undefined {
  const byCredential = Object.entries(inputs.evalByCredential ?? {});
  if (byCredential.length > 0 && allowed.length === 0) {
    throw new AuthenticatorError('NotSupportedError', 'prf.evalByCredential needs allowCredentials');
  }
  for (const [id] of byCredential) {
    if (!/^[A-Za-z0-9_-]+$/.test(id) || !allowed.includes(id)) {
      throw new AuthenticatorError(
        'SyntaxError',
        `prf.evalByCredential key "${id}" is not an allowed credential`,
      );
    }
  }
  return inputs.evalByCredential?.[credentialId] ?? inputs.eval;
}

/**
 * The authenticator extension outputs in authenticator data: `hmac-secret: true` for a new
 * credential; outputs encrypted for the client (CTAP 2.1 PIN/UV protocol 2: a random IV ‖
 * AES-256-CBC), under `hmac-secret-mc` at registration (CTAP 2.2) and `hmac-secret` at an
 * assertion. Only the client can read them, never the relying party.
 */
function hmacSecretExtension(created: boolean, outputs?: PrfOutputs): Uint8Array {
  const entries: [string, unknown][] = created ? [['hmac-secret', true]] : [];
  if (outputs) {
    const plain = Buffer.concat([
      Buffer.from(outputs.first),
      Buffer.from(outputs.second ?? new ArrayBuffer(0)),
    ]);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', randomBytes(32), iv).setAutoPadding(false);
    const sealed = new Uint8Array(Buffer.concat([iv, cipher.update(plain), cipher.final()]));
    entries.push([created ? 'hmac-secret-mc' : 'hmac-secret', sealed]);
  }
  return encodeCbor(new Map(entries));
}

/** What PRF adds to a response: the client extension output and the authenticator data extensions. */
export interface PrfResult {
  output?: { enabled?: boolean; results?: PrfOutputs };
  extensions?: Uint8Array;
}

/**
 * `create()` with `extensions.prf` (L3 §10.1.4, registration): `hmac-secret` is asked for;
 * a supporting authenticator makes the credential's keys and evaluates `eval` at once.
 */
export function prfAtCreation(
  inputs: PrfInputsJSON | undefined,
  supported: boolean,
  uv: boolean,
): PrfResult & { credRandom: CredRandom | null } {
  if (!inputs) return { credRandom: null };
  if (inputs.evalByCredential) {
    throw new AuthenticatorError('NotSupportedError', 'prf.evalByCredential is for assertions only');
  }
  if (!supported) return { credRandom: null, output: { enabled: false } };
  const credRandom = createCredRandom();
  const results = inputs.eval && evaluatePrf(credRandom, inputs.eval, uv);
  return {
    credRandom,
    output: results ? { enabled: true, results } : { enabled: true },
    extensions: hmacSecretExtension(true, results),
  };
}

/** `get()` with `extensions.prf`: the answering credential's salts, evaluated where it has PRF. */
export function prfAtAssertion(
  inputs: PrfInputsJSON | undefined,
  allowed: readonly string[],
  credential: { id: string; credRandom: CredRandom | null },
  uv: boolean,
): PrfResult {
  if (!inputs) return {};
  const values = prfInputFor(inputs, allowed, credential.id);
  if (!values || !credential.credRandom) return { output: {} };
  const results = evaluatePrf(credential.credRandom, values, uv);
  return { output: { results }, extensions: hmacSecretExtension(false, results) };
}
