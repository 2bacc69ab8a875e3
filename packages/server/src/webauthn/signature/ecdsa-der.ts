/** The order n of the P-256 group (FIPS 186-4 §D.1.2.3; SEC 2 secp256r1). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const SIZE = 32;

/** Reads one DER INTEGER at `at`; its value as `SIZE` big-endian bytes and where it ends, or null. */
function readInteger(der: Uint8Array, at: number): { value: Uint8Array; end: number } | null {
  if (der[at] !== 0x02) return null;
  const length = der[at + 1] ?? 0;
  const start = at + 2;
  const end = start + length;
  if (length === 0 || length > SIZE + 1 || end > der.length) return null;
  const first = der[start] as number;
  if (first & 0x80) return null; // negative
  let body = der.subarray(start, end);
  // A 33-byte integer is a 32-byte one whose top bit needed a leading zero; nothing else is.
  if (length === SIZE + 1) {
    if (first !== 0 || ((der[start + 1] as number) & 0x80) === 0) return null;
    body = body.subarray(1);
  }
  const value = new Uint8Array(SIZE);
  value.set(body, SIZE - body.length);
  return { value, end };
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * Converts an ES256 signature from the ASN.1 DER `Ecdsa-Sig-Value` WebAuthn uses (L3 §6.5.5) to the
 * raw r ‖ s (64 bytes) WebCrypto verifies, or null when it is not one: a SEQUENCE of exactly two
 * positive INTEGERs and nothing after it. r and s must lie in [1, n − 1]: a signature of zeros would
 * otherwise pass a verifier that forgets the range check (CVE-2022-21449, "psychic signatures").
 */
export function ecdsaDerToRaw(der: Uint8Array): Uint8Array | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const r = readInteger(der, 2);
  const s = r && readInteger(der, r.end);
  if (r === null || s === null || s.end !== der.length) return null;
  for (const part of [r.value, s.value]) {
    const n = toBigInt(part);
    if (n === 0n || n >= P256_ORDER) return null;
  }
  const raw = new Uint8Array(2 * SIZE);
  raw.set(r.value, 0);
  raw.set(s.value, SIZE);
  return raw;
}
