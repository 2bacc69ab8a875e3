import { PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { headerLine, toPasskeyRecord } from './format';

/** Options of {@link exportPasskeys}. */
export interface ExportOptions {
  /** Passkeys read per `scan` call. Default 500. */
  pageSize?: number;
}

/**
 * Every passkey of a store as JSON Lines: the header line, then one passkey per line in
 * ascending credential ID order, each line ending with `\n`. Pages are read with the store's
 * `scan` only as the lines are consumed, so an export of a million passkeys holds one page.
 *
 * @example
 * import { createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(Readable.from(exportPasskeys(store)), createWriteStream('passkeys.jsonl'));
 *
 * @throws PasskeyError INVALID_REQUEST when the store has no `scan`, or a bad `pageSize`.
 */
export async function* exportPasskeys(
  store: PasskeyStore,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 500;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new PasskeyError('INVALID_REQUEST', 'pageSize must be a positive integer');
  }
  const scan = store.scan?.bind(store);
  if (scan === undefined) {
    throw new PasskeyError('INVALID_REQUEST', 'This store cannot list its passkeys (it has no scan)');
  }
  // The first page is read before the header is written: a store that cannot be read fails
  // before any output, so a file or a pipe never starts with a header and nothing after it.
  let page = await scan({ after: null, limit: pageSize });
  yield `${headerLine()}\n`;
  let after: string | null = null;
  while (page.length > 0) {
    for (const passkey of page) {
      // A store that answered out of order would make this loop skip or repeat passkeys.
      if (after !== null && passkey.id <= after) {
        throw new PasskeyError('STORE_UNAVAILABLE', 'The store returned passkeys out of credential ID order');
      }
      after = passkey.id;
      yield `${JSON.stringify(toPasskeyRecord(passkey))}\n`;
    }
    page = await scan({ after, limit: pageSize });
  }
}
