import type { Passkey } from '@acme/passkey-core';

let seq = 0;

/** A random base64url string of `bytes` random bytes (WebCrypto; runs in any runtime). */
export function randomId(bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let bin = '';
  for (const b of raw) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A complete, valid passkey for store tests; override any field. */
export function samplePasskey(overrides: Partial<Passkey> = {}): Passkey {
  seq += 1;
  return {
    id: randomId(),
    userId: `user-${randomId(6)}`,
    userHandle: randomId(32),
    publicKey: crypto.getRandomValues(new Uint8Array(77)),
    algorithm: -7,
    counter: 0,
    transports: ['internal', 'hybrid'],
    deviceType: 'multiDevice',
    backedUp: true,
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    name: `Passkey ${seq}`,
    attachment: 'platform',
    userVerified: seq % 2 === 0,
    prf: seq % 3 === 0,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq % 60, seq % 1000)),
    lastUsedAt: null,
    ...overrides,
  };
}
