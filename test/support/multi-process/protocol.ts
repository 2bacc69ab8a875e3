/**
 * What the parent and the worker processes of a store package's multi-process proof say to each
 * other. A helper of this repository's own tests, not part of any published package.
 */
import type { PasskeyServer } from '@acme/passkey-server';

/**
 * What every instance of one deployment shares, whatever its database: the relying party, the
 * receipt key and the secret. A store package's worker config adds its own connection fields.
 */
export interface WorkerConfig {
  rp: { id: string; name: string };
  origin: string;
  /** The receipt signing key, shared by every instance (a P-256 private JWK). */
  receiptKey: JsonWebKey;
  secret: string;
}

/** The server operations a worker runs for its parent. */
export type WorkerOperation = Exclude<keyof PasskeyServer, symbol>;

export interface WorkerRequest {
  id: number;
  op: WorkerOperation;
  args: unknown[];
}

/** An operation's outcome: its value, or the PasskeyError code it failed with. */
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; code: string; message: string };

export type WorkerReply = { id: number } & Outcome;

/** What a worker tells its parent once it has migrated (or failed to). */
export type WorkerReady = { ready: true; pid: number } | { ready: false; message: string };

/** The environment variable that carries a worker's config, as JSON. */
export const CONFIG_VARIABLE = 'PASSKEY_WORKER_CONFIG';
