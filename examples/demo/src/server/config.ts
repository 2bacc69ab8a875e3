/** The demo's settings, from the environment. */
export interface DemoConfig {
  port: number;
  /** The WebAuthn RP ID: the site's domain. */
  rpId: string;
  /** The page's origin, the only one the passkey ceremonies accept. */
  origin: string;
  /** How recent a security verification must be to add or remove a passkey (the SDK default: 300 s). */
  stepUpMaxAgeSeconds: number;
  /**
   * The security hold on P2P releases: a passkey younger than this cannot approve one, so a
   * passkey added by someone else cannot move funds before the owner sees it. 0: no hold.
   */
  releaseHoldSeconds: number;
  /** `POST /api/test/expire-verification`, for the end-to-end tests only. */
  testRoutes: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * `PORT` (3000), `RP_ID` (localhost), `ORIGIN` (`http://localhost:$PORT`),
 * `PASSKEY_STEP_UP_MAX_AGE_SECONDS` (300), `DEMO_RELEASE_HOLD_SECONDS` (60; 0 turns the hold
 * off), `DEMO_TEST_ROUTES=1` (tests only).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const rpId = env.RP_ID || 'localhost';
  const origin = (env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    rpId,
    origin,
    stepUpMaxAgeSeconds: integer(env, 'PASSKEY_STEP_UP_MAX_AGE_SECONDS', 300, 1, 86_400),
    releaseHoldSeconds: integer(env, 'DEMO_RELEASE_HOLD_SECONDS', 60, 0, 30 * 86_400),
    testRoutes: env.DEMO_TEST_ROUTES === '1',
  };
}

/**
 * What to print when the server cannot listen: the error, and for a port that is taken (or
 * needs privileges) how to pick another one.
 */
export function listenErrorMessage(port: number, err: Error & { code?: string }): string {
  const message = `demo: cannot listen on port ${port}: ${err.message}`;
  if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') return message;
  const other = port >= 1024 && port < 65535 ? port + 1 : 3001;
  return `${message}\nset PORT to use another port, e.g. PORT=${other} pnpm demo`;
}
