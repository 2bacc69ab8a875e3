import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { isPasskeyError } from '@acme/passkey-core';
import { IMPORT_FORMATS, type ImportFormat } from '../read-lines';
import { CliError, EXIT } from './cli-error';
import { type OpenedStore, openStore } from './open-store';
import { runExport } from './run-export';
import { describeReport, runImport } from './run-import';

export const USAGE = `Usage:
  passkey-store export --from <store> [--out <file>]
  passkey-store import --to <store> [--in <file>] [--max-per-user 10]
                       [--format passkey|simplewebauthn|better-auth] [--json]
<store>: postgres://user@host/db?schema=public&prefix=passkey_ · pglite:<data directory> · mysql://user@host/db?prefix=passkey_
Also: --schema, --prefix (override the URL's), --no-migrate (import: do not migrate the target first),
--concurrency 8 (import: lines stored at once, 1 to 64; one user's always in order),
--user-handle-from-user-id (simplewebauthn records from SimpleWebAuthn 9 or earlier, without webauthnUserID).`;

/** Standard streams, injectable for tests. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  in: { type: 'string' },
  out: { type: 'string' },
  schema: { type: 'string' },
  prefix: { type: 'string' },
  format: { type: 'string', default: 'passkey' },
  'max-per-user': { type: 'string', default: '10' },
  concurrency: { type: 'string', default: '8' },
  'no-migrate': { type: 'boolean', default: false },
  'user-handle-from-user-id': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs `passkey-store` with these arguments; resolves to the exit code (see `EXIT`). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let opened: OpenedStore | undefined;
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help) {
      say(USAGE);
      return EXIT.ok;
    }
    if (rest.length > 0 || (command !== 'export' && command !== 'import'))
      throw usage('Give a command: export or import.');
    const location = { schema: values.schema, prefix: values.prefix };
    if (command === 'export') {
      if (values.from === undefined) throw usage('export needs --from <store>.');
      opened = await openStore({ url: values.from, ...location });
      const count = await runExport(opened, { out: values.out, stdout: io.stdout });
      say(
        `Exported ${count} passkeys from ${opened.label}${values.out === undefined ? '' : ` to ${values.out}`}.`,
      );
      return EXIT.ok;
    }
    if (values.to === undefined) throw usage('import needs --to <store>.');
    const maxPerUser = Number(values['max-per-user']);
    if (!/^\d+$/.test(values['max-per-user']) || maxPerUser < 1)
      throw usage('--max-per-user must be a positive integer.');
    const concurrency = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > 64) {
      throw usage('--concurrency must be an integer from 1 to 64.');
    }
    const format = values.format as ImportFormat;
    if (!IMPORT_FORMATS.includes(format))
      throw usage(`--format must be one of ${IMPORT_FORMATS.join(', ')}.`);
    opened = await openStore({ url: values.to, ...location });
    if (!values['no-migrate']) await opened.migrate();
    const report = await runImport(opened, {
      in: values.in,
      stdin: io.stdin,
      format,
      maxPerUser,
      concurrency,
      userHandleFromUserId: values['user-handle-from-user-id'],
    });
    if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    say(`Imported into ${opened.label}: ${describeReport(report)}`);
    return report.limit + report.invalid + report.conflict > 0 ? EXIT.refused : EXIT.ok;
  } catch (err) {
    const [code, message] = explain(err);
    say(`passkey-store: ${message}`);
    return code;
  } finally {
    await opened?.close().catch(() => {});
  }
}

const usage = (message: string) => new CliError(`${message}\n${USAGE}`, EXIT.usage);

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw usage((err as Error).message);
  }
}

/** The exit code and a message a person can act on, for any failure. */
function explain(err: unknown): [number, string] {
  if (err instanceof CliError) return [err.exitCode, err.message];
  const cause = (err as { cause?: unknown }).cause;
  const why = cause instanceof Error && cause.message !== '' ? ` (${cause.message})` : '';
  if (isPasskeyError(err, 'STORE_UNAVAILABLE'))
    return [EXIT.store, `${err.message}${why}. Is the database reachable and migrated?`];
  if (isPasskeyError(err, 'INVALID_REQUEST') && err.details?.line !== undefined) {
    return [EXIT.badInput, `${err.message}. Is this the right file and --format?`];
  }
  if (isPasskeyError(err)) return [EXIT.store, `${err.message}${why}`];
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EEXIST') {
    return [EXIT.badInput, (err as Error).message];
  }
  return [EXIT.unexpected, err instanceof Error ? err.message : String(err)];
}
