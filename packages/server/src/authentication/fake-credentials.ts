import type { PublicKeyCredentialDescriptorJSON } from '@simplewebauthn/server';
import type { ServerContext } from '../config/context';
import { hmacSha256, toBase64Url } from '../encoding';

const LENGTHS = [16, 20, 32, 48, 64];
// As browsers report them (getTransports() is sorted, WebAuthn §5.2.1.2).
const TRANSPORTS: AuthenticatorTransport[][] = [
  ['hybrid', 'internal'],
  ['hybrid', 'internal'],
  ['internal'],
  ['nfc', 'usb'],
  ['usb'],
];

/**
 * How many fake credentials a name gets: 1..limit, as a real account may hold, most often few
 * (a cubic skew: about half get 1 or 2 at a limit of 10), never a size no real account could have.
 */
export function fakeCount(byte: number, limit: number): number {
  const u = byte / 256;
  return Math.min(limit, 1 + Math.floor(limit * u * u * u));
}

/**
 * Deterministic fake `allowCredentials` for a name that has no passkeys (unknown, or a user
 * without any): keyed by the server's `secret`, so the same name always gets the same answer,
 * of the same shape as a real user's — an attacker cannot enumerate accounts.
 */
export async function fakeCredentials(
  ctx: ServerContext,
  label: string,
): Promise<PublicKeyCredentialDescriptorJSON[]> {
  const seed = await hmacSha256(ctx.secret, `fake-credentials:${label}`);
  const count = fakeCount(seed[0] as number, ctx.policy.maxPasskeysPerUser);
  const out: PublicKeyCredentialDescriptorJSON[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await hmacSha256(ctx.secret, `fake-credential:${i}:${label}`);
    const length = LENGTHS[(bytes[31] as number) % LENGTHS.length] as number;
    const id = new Uint8Array(length);
    id.set(bytes.subarray(0, Math.min(32, length)));
    if (length > 32)
      id.set(
        (await hmacSha256(ctx.secret, `fake-credential-tail:${i}:${label}`)).subarray(0, length - 32),
        32,
      );
    out.push({
      id: toBase64Url(id),
      type: 'public-key',
      transports: TRANSPORTS[(bytes[30] as number) % TRANSPORTS.length],
    });
  }
  return out;
}
