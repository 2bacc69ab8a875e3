import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportPasskeys } from '../export-passkeys';
import type { OpenedStore } from './open-store';

/** Options of {@link runExport}. */
export interface RunExportOptions {
  /** A file to write; absent: standard output. */
  out?: string | undefined;
  stdout: Writable;
}

/**
 * Writes the store's export. A file is written beside its final name and renamed once complete,
 * so an interrupted export never leaves a file that looks whole. Returns the passkeys written.
 */
export async function runExport(source: OpenedStore, options: RunExportOptions): Promise<number> {
  let count = -1; // the header is not a passkey
  const lines = Readable.from(
    (async function* () {
      for await (const line of exportPasskeys(source.store)) {
        count += 1;
        yield line;
      }
    })(),
  );
  if (options.out === undefined) {
    await pipeline(lines, options.stdout, { end: false });
    return count;
  }
  const partial = `${options.out}.partial-${process.pid}`;
  try {
    await pipeline(lines, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, options.out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return count;
}
