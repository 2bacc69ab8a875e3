import { type Passkey, PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { IMPORT_FORMATS, type ImportFormat, lineReader } from './read-lines';
import { addIssue, emptyReport, type ImportIssue, type ImportReport, invalidIssue } from './report';
import { type LineOutcome, storeLine } from './store-line';

/** Options of {@link importPasskeys}. */
export interface ImportOptions {
  /** The most passkeys a user may hold; a line past it is reported as `limit`. Default 10. */
  maxPerUser?: number;
  /** What the lines are. Default `'passkey'` (an export of this package, header first). */
  format?: ImportFormat;
  /** Most issues listed in the report (the counts stay exact). Default 1000. */
  maxIssues?: number;
  /** Longest line accepted, in characters. Default 65 536. */
  maxLineLength?: number;
  /** `simplewebauthn`: use the app's user ID as the user handle when a record has none (SimpleWebAuthn ≤ 9). */
  userHandleFromUserId?: boolean;
  /** The creation time of records that carry none (other libraries). Default: the current time. */
  now?: () => Date;
  /**
   * Lines stored at once (1–64). Default 8. A user's lines are still stored one after another in
   * input order, so which of them meet the limit does not depend on it.
   */
  concurrency?: number;
}

/**
 * Imports passkeys, one line at a time, into a store: each line is validated into a `Passkey`
 * before anything is written, then stored with `create`, which keeps its ID, counter, flags and
 * user handle as they are and never lets a user pass `maxPerUser`. Idempotent: a passkey already
 * stored counts as `present`, so running the same import again changes nothing. Lines are
 * pulled as they are stored, `concurrency` at a time, so an input of any size is never held in
 * memory; the report lists them in input order.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * import { createInterface } from 'node:readline';
 * const lines = createInterface({ input: createReadStream('passkeys.jsonl'), crlfDelay: Infinity });
 * const report = await importPasskeys(store, lines, { maxPerUser: 10 });
 * // …or straight from another store: await importPasskeys(target, exportPasskeys(source));
 *
 * @throws PasskeyError INVALID_REQUEST for bad options or a missing or foreign header (nothing
 * is written); STORE_UNAVAILABLE with `details.line` when the store fails (lines before it are
 * stored: run the import again to finish, it skips them).
 */
export async function importPasskeys(
  store: PasskeyStore,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const {
    maxPerUser = 10,
    format = 'passkey',
    maxIssues = 1000,
    maxLineLength = 65_536,
    concurrency = 8,
  } = options;
  const limits = { maxPerUser: [1], maxIssues: [0], maxLineLength: [1], concurrency: [1, 64] } as const;
  for (const [name, value] of Object.entries({ maxPerUser, maxIssues, maxLineLength, concurrency })) {
    const [min, max = Number.MAX_SAFE_INTEGER] = limits[name as keyof typeof limits];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new PasskeyError('INVALID_REQUEST', `${name} must be an integer from ${min} to ${max}`);
    }
  }
  if (!IMPORT_FORMATS.includes(format)) {
    throw new PasskeyError('INVALID_REQUEST', `format must be one of ${IMPORT_FORMATS.join(', ')}`);
  }
  const read = lineReader(format, { ...options, maxLineLength });
  const report = emptyReport();
  let window: Pending[] = [];
  const flush = async () => {
    for (const outcome of await storeWindow(store, window, maxPerUser)) {
      if (outcome === 'created' || outcome === 'present') report[outcome] += 1;
      else addIssue(report, outcome, maxIssues);
    }
    window = [];
  };
  for await (const raw of lines) {
    const line = ++report.lines;
    const parsed = read(raw, line);
    if (parsed.kind === 'invalid') window.push({ line, issue: invalidIssue(line, parsed.error) });
    if (parsed.kind === 'record') window.push({ line, passkey: parsed.passkey });
    if (window.length >= concurrency) await flush();
  }
  await flush();
  return report;
}

/** A line read and waiting for its window: a passkey to store, or already an issue. */
type Pending = { line: number; passkey: Passkey } | { line: number; issue: ImportIssue };

/**
 * Stores a window of lines: different users' at once, one user's in input order. Every store
 * call is waited for; the first failure, by line, is then thrown. Outcomes come in input order.
 */
async function storeWindow(
  store: PasskeyStore,
  window: Pending[],
  maxPerUser: number,
): Promise<LineOutcome[]> {
  const outcomes = new Map<number, LineOutcome>();
  const byUser = new Map<string, { line: number; passkey: Passkey }[]>();
  for (const item of window) {
    if ('issue' in item) outcomes.set(item.line, item.issue);
    else byUser.set(item.passkey.userId, [...(byUser.get(item.passkey.userId) ?? []), item]);
  }
  const runs = [...byUser.values()].map(async (items) => {
    for (const { line, passkey } of items)
      outcomes.set(line, await storeLine(store, passkey, line, maxPerUser));
  });
  const failures = (await Promise.allSettled(runs)).filter((r) => r.status === 'rejected');
  const first = failures
    .map((f) => (f as PromiseRejectedResult).reason as { details?: { line?: number } })
    .sort((a, b) => (a.details?.line ?? 0) - (b.details?.line ?? 0))[0];
  if (first !== undefined) throw first;
  return window.map((item) => outcomes.get(item.line) as LineOutcome);
}
