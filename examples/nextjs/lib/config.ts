/** What the example reads from its environment, parsed once into typed values. */
export interface ExampleConfig {
  /** The WebAuthn RP ID: the site's domain (`localhost` in development). */
  rpId: string;
  /** The page's origin, e.g. `http://localhost:3002`: the only one the ceremonies accept. */
  origin: string;
  /** Keys the fake credential IDs for unknown usernames; shared by every instance. */
  secret: string | undefined;
  /** The P-256 private key (JWK) that signs step-up receipts; shared by every instance. */
  receiptKey: JsonWebKey | undefined;
}

/**
 * Reads `RP_ID` (`localhost`), `ORIGIN` (`http://localhost:3002`), `PASSKEY_SECRET` and
 * `RECEIPT_JWK`. Without the last two the passkey server makes its own per process, with a
 * warning (server README, "Keys and secrets to provision"). A malformed value throws at once.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): ExampleConfig {
  const origin = URL.parse(env.ORIGIN || 'http://localhost:3002');
  if (origin === null || (origin.protocol !== 'http:' && origin.protocol !== 'https:')) {
    throw new TypeError(`ORIGIN must be an http(s) origin such as https://example.com, got ${env.ORIGIN}`);
  }
  return {
    rpId: env.RP_ID || 'localhost',
    origin: origin.origin,
    secret: env.PASSKEY_SECRET || undefined,
    receiptKey: env.RECEIPT_JWK ? parseJwk(env.RECEIPT_JWK) : undefined,
  };
}

function parseJwk(text: string): JsonWebKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('RECEIPT_JWK must be a JSON Web Key: a P-256 private key as one line of JSON');
  }
  return value as JsonWebKey;
}
