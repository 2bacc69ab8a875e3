import type { PublicKeyCredentialDescriptorJSON } from '@simplewebauthn/server';
import type { ServerContext } from '../internal/context';
import { toBase64Url } from '../internal/encoding';

async function hmac(key: Uint8Array<ArrayBuffer>, message: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(message)));
}

const LENGTHS = [16, 20, 32, 48];
const TRANSPORTS: AuthenticatorTransport[][] = [
  ['internal', 'hybrid'],
  ['hybrid', 'internal'],
  ['usb', 'nfc'],
  ['internal'],
];

/**
 * Deterministic fake `allowCredentials` for a name that has no passkeys (unknown, or a user
 * without any): keyed by the server's `secret`, so the same name always gets the same answer,
 * of the same shape as a real user's — an attacker cannot enumerate accounts.
 */
export async function fakeCredentials(
  ctx: ServerContext,
  label: string,
): Promise<PublicKeyCredentialDescriptorJSON[]> {
  const seed = await hmac(ctx.secret, `fake-credentials:${label}`);
  const count = 1 + ((seed[0] as number) % 2);
  const out: PublicKeyCredentialDescriptorJSON[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await hmac(ctx.secret, `fake-credential:${i}:${label}`);
    const length = LENGTHS[(seed[1 + i] as number) % LENGTHS.length] as number;
    const id = new Uint8Array(length);
    id.set(bytes.subarray(0, Math.min(32, length)));
    if (length > 32)
      id.set((await hmac(ctx.secret, `fake-credential-tail:${i}:${label}`)).subarray(0, length - 32), 32);
    out.push({
      id: toBase64Url(id),
      type: 'public-key',
      transports: TRANSPORTS[(seed[3 + i] as number) % 4],
    });
  }
  return out;
}
