import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type ImportOptions, importPasskeys } from '../import-passkeys';
import type { ImportReport } from '../report';
import type { OpenedStore } from './open-store';

/** Options of {@link runImport}. */
export interface RunImportOptions
  extends Pick<ImportOptions, 'format' | 'maxPerUser' | 'concurrency' | 'userHandleFromUserId'> {
  /** A file to read; absent: standard input. */
  in?: string | undefined;
  stdin: Readable;
}

/** Reads the input line by line (never whole) into the target store. */
export async function runImport(target: OpenedStore, options: RunImportOptions): Promise<ImportReport> {
  const input = options.in === undefined ? options.stdin : createReadStream(options.in);
  // Fail on a missing file before the first write, with the file system's own reason.
  const opened = new Promise<void>((resolve, reject) => {
    if (options.in === undefined) resolve();
    input.once('open', () => resolve()).once('error', reject);
  });
  await opened;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const { in: _in, stdin: _stdin, ...importOptions } = options;
  return importPasskeys(target.store, lines, importOptions);
}

/** A report as a person reads it: the counts, then the first refused lines. */
export function describeReport(report: ImportReport, shown = 20): string {
  const lines = [
    `created ${report.created}, already present ${report.present}, refused by the limit ${report.limit}, ` +
      `invalid ${report.invalid}, conflicting ${report.conflict}`,
  ];
  for (const issue of report.issues.slice(0, shown)) {
    const who =
      issue.id === undefined
        ? ''
        : ` ${issue.id}${issue.userId === undefined ? '' : ` (user ${issue.userId})`}`;
    lines.push(`  line ${issue.line}: ${issue.outcome}${who}: ${issue.message}`);
  }
  const more = report.limit + report.invalid + report.conflict - Math.min(shown, report.issues.length);
  if (more > 0) lines.push(`  … and ${more} more (--json lists up to 1000)`);
  return lines.join('\n');
}
