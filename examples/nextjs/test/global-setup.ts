import { generateKeyPairSync, type JsonWebKey, randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { buildNext, missingForNext, startNext } from './next-app';

/** The page origin the tests' browser sends; the app listens elsewhere, as behind a proxy. */
export const ORIGIN = 'http://localhost:3002';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running app, e.g. `http://127.0.0.1:41234`; empty when the suite is skipped. */
    nextBase: string;
    /** The public half of the app's RECEIPT_JWK, to check the receipts it signs. */
    receiptPublicJwk: JsonWebKey;
    /** Why the tests are skipped; empty when they run. */
    skipReason: string;
  }
}

/**
 * Builds the app (`next build`), starts it (`next start`) on a free port with its keys from
 * the environment, and hands the URL to the tests. Without Next.js or its native compiler the
 * tests are skipped with a printed reason, or the run fails when `PASSKEY_REQUIRE_SERVICES=1`.
 */
export default async function setup(project: TestProject) {
  const missing = missingForNext();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  project.provide('receiptPublicJwk', publicKey.export({ format: 'jwk' }));
  if (missing !== null) {
    if (process.env.PASSKEY_REQUIRE_SERVICES === '1') {
      throw new Error(`PASSKEY_REQUIRE_SERVICES=1 and ${missing}`);
    }
    console.warn(`\n[nextjs] SKIPPED: the Next.js tests, ${missing}\n`);
    project.provide('nextBase', '');
    project.provide('skipReason', `[nextjs] skipped: ${missing}`);
    return;
  }
  const seconds = buildNext();
  console.log(`[nextjs] next build took ${seconds.toFixed(1)} s`);
  const app = await startNext({
    ORIGIN,
    RP_ID: 'localhost',
    PASSKEY_SECRET: randomBytes(32).toString('base64url'),
    RECEIPT_JWK: JSON.stringify(privateKey.export({ format: 'jwk' })),
  });
  project.provide('nextBase', app.url);
  project.provide('skipReason', '');
  return async () => {
    await app.stop();
    if (/\b(?:Error|warn)/i.test(app.output())) console.warn(`[nextjs] next start said:\n${app.output()}`);
  };
}
