import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The file in the data folder that keeps the generated secret. */
export const SECRET_FILE = 'passkey-secret';

/** Shortest accepted secret, in characters (32 random bytes in base64url are 43). */
export const SECRET_MIN_LENGTH = 32;

function checked(secret: string, where: string): string {
  const value = secret.trim();
  if (value.length < SECRET_MIN_LENGTH) {
    throw new Error(
      `${where} must have at least ${SECRET_MIN_LENGTH} characters, e.g. from: openssl rand -base64 32`,
    );
  }
  return value;
}

/**
 * The key of the SDK's fake answers for unknown usernames (the server's `secret`): it must not
 * change between restarts, or the answers for one name would differ across them and tell unknown
 * names from known ones. `PASSKEY_SECRET` when set; else one generated on the first start and kept
 * in `<dir>/passkey-secret`, readable by its owner only (0600); with no folder (everything in
 * memory, forgotten at restart anyway) a new one for this process.
 */
export async function loadSecret(env: NodeJS.ProcessEnv, dir: string | null): Promise<string> {
  if (env.PASSKEY_SECRET) return checked(env.PASSKEY_SECRET, 'PASSKEY_SECRET');
  const fresh = randomBytes(32).toString('base64url');
  if (dir === null) return fresh;
  return checked(await keptInFolder(dir, SECRET_FILE, `${fresh}\n`), path.join(dir, SECRET_FILE));
}

/** The file in the data folder that keeps the generated receipt key. */
export const RECEIPT_KEY_FILE = 'receipt-key.json';

/**
 * The P-256 key that signs step-up receipts (a private JWK): it must not change between restarts,
 * or a receipt issued just before one (a release cut off by a crash) could not finish after it.
 * `PASSKEY_RECEIPT_JWK` when set; else one generated on the first start and kept in
 * `<dir>/receipt-key.json` (0600); with no folder, a new one for this process.
 */
export async function loadReceiptKey(env: NodeJS.ProcessEnv, dir: string | null): Promise<JsonWebKey> {
  if (env.PASSKEY_RECEIPT_JWK) return JSON.parse(env.PASSKEY_RECEIPT_JWK) as JsonWebKey;
  const fresh = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  if (dir === null) return fresh;
  return JSON.parse(await keptInFolder(dir, RECEIPT_KEY_FILE, `${JSON.stringify(fresh)}\n`)) as JsonWebKey;
}

/**
 * The content of `<dir>/<name>`, written from `fresh` on the first start (readable by its owner
 * only, 0600, created exclusively so two starts cannot both write it).
 */
async function keptInFolder(dir: string, name: string, fresh: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(fresh);
    } finally {
      await handle.close();
    }
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // Kept from an earlier start: readable by its owner only, whatever happened to it since.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return readFile(file, 'utf8');
}
