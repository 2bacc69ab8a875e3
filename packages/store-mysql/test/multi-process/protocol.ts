/** What the parent and the worker processes of the multi-process proof say to each other. */
import type { PasskeyServer } from '@acme/passkey-server';

/** Everything a worker needs to join the deployment: the shared database and secrets. */
export interface WorkerConfig {
  mysqlUrl: string;
  database: string;
  tablePrefix: string;
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
