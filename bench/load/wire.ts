/**
 * What the harness reads from the messages it sends and receives, to check them against the
 * database later: the signature counter an assertion carries, and the ID (`jti`) of a receipt.
 */
import type { AuthenticationResponseJSON } from '@acme/passkey-testing';

/** The signature counter in an assertion's authenticator data (WebAuthn L3 §6.1: bytes 33–36). */
export function assertionCounter(response: AuthenticationResponseJSON): number {
  const data = Buffer.from(response.response.authenticatorData, 'base64url');
  if (data.length < 37) throw new Error('authenticator data shorter than 37 bytes');
  return data.readUInt32BE(33);
}

/** The `jti` claim of a receipt (a compact JWS): its key in the challenge store is `receipt:<jti>`. */
export function receiptId(receipt: string): string {
  const payload = receipt.split('.')[1];
  if (payload === undefined) throw new Error('a receipt is a compact JWS');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown };
  if (typeof claims.jti !== 'string') throw new Error('a receipt without jti');
  return claims.jti;
}

/** The loopback address of the n-th client (127.20.0.1, 127.20.0.2, …), never a network address. */
export function loopbackAddress(n: number): string {
  const host = n % 250;
  const mid = Math.floor(n / 250) % 250;
  const high = 20 + (Math.floor(n / 62_500) % 200);
  return `127.${high}.${mid}.${host + 1}`;
}
