import { isPasskeyError, type Passkey, PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { sameBytes } from './bytes';
import { IMPORT_FORMATS, type ImportFormat, lineReader } from './read-lines';
import { addIssue, emptyReport, type ImportReport, invalidIssue } from './report';

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
}

/** The same credential: owner, user handle and key (the counter may have moved on since). */
const samePasskey = (a: Passkey, b: Passkey) =>
  a.userId === b.userId &&
  a.userHandle === b.userHandle &&
  a.algorithm === b.algorithm &&
  sameBytes(a.publicKey, b.publicKey);

/**
 * Imports passkeys, one line at a time, into a store: each line is validated into a `Passkey`
 * before anything is written, then stored with `create`, which keeps its ID, counter, flags and
 * user handle as they are and never lets a user pass `maxPerUser`. Idempotent: a passkey already
 * stored counts as `present`, so running the same import again changes nothing. Lines are
 * pulled one by one, so an input of any size is never held in memory.
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
  const { maxPerUser = 10, format = 'passkey', maxIssues = 1000, maxLineLength = 65_536 } = options;
  for (const [name, value] of Object.entries({ maxPerUser, maxIssues, maxLineLength })) {
    if (!Number.isSafeInteger(value) || value < (name === 'maxIssues' ? 0 : 1)) {
      throw new PasskeyError('INVALID_REQUEST', `${name} must be a positive integer`);
    }
  }
  if (!IMPORT_FORMATS.includes(format)) {
    throw new PasskeyError('INVALID_REQUEST', `format must be one of ${IMPORT_FORMATS.join(', ')}`);
  }
  const read = lineReader(format, { ...options, maxLineLength });
  const report = emptyReport();
  for await (const raw of lines) {
    const line = ++report.lines;
    const parsed = read(raw, line);
    if (parsed.kind === 'invalid') addIssue(report, invalidIssue(line, parsed.error), maxIssues);
    if (parsed.kind !== 'record') continue;
    const { passkey } = parsed;
    const outcome = await store.create(passkey, { maxPerUser }).catch((err: unknown) => failed(err, line));
    if (outcome === 'created') report.created += 1;
    else if (outcome === 'limit') {
      const message = `The user already has ${maxPerUser} passkeys`;
      addIssue(report, { line, outcome, id: passkey.id, userId: passkey.userId, message }, maxIssues);
    } else {
      const stored = await store.get(passkey.id).catch((err: unknown) => failed(err, line));
      if (stored !== null && samePasskey(stored, passkey)) report.present += 1;
      else {
        const message = 'This credential ID is stored with another owner, user handle or key';
        addIssue(report, { line, outcome: 'conflict', id: passkey.id, message }, maxIssues);
      }
    }
  }
  return report;
}

function failed(err: unknown, line: number): never {
  const code =
    isPasskeyError(err) && err.code === 'INVALID_REQUEST' ? 'INVALID_REQUEST' : 'STORE_UNAVAILABLE';
  throw new PasskeyError(code, `The store failed at line ${line}`, { details: { line }, cause: err });
}
