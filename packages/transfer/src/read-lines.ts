import { type Passkey, PasskeyError } from '@acme/passkey-core';
import { fromBetterAuth } from './better-auth';
import { invalidField } from './errors';
import { PASSKEY_EXPORT_FORMAT, PASSKEY_EXPORT_VERSION } from './format';
import { parsePasskeyRecord } from './parse-record';
import { fromSimpleWebAuthn, type SimpleWebAuthnOptions } from './simplewebauthn';

/** What an import reads: this package's export, or records dumped from another library. */
export type ImportFormat = 'passkey' | 'simplewebauthn' | 'better-auth';

/** The formats {@link ImportFormat} names. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['passkey', 'simplewebauthn', 'better-auth'];

/** A line of input as the importer sees it: blank, the header, or a record (parsed, or why not). */
export type ReadLine =
  | { kind: 'blank' }
  | { kind: 'header' }
  | { kind: 'record'; passkey: Passkey }
  | { kind: 'invalid'; error: unknown };

/**
 * Turns each line of the input into a typed value, validating it fully: JSON, then the format's
 * record rules. The first line of a `passkey` export must be its header, of this version;
 * anything else there stops the import before a write (`INVALID_REQUEST`, `details.line` 1).
 */
export function lineReader(format: ImportFormat, options: SimpleWebAuthnOptions & { maxLineLength: number }) {
  const toPasskey =
    format === 'simplewebauthn'
      ? (v: unknown) => fromSimpleWebAuthn(v, options)
      : format === 'better-auth'
        ? (v: unknown) => fromBetterAuth(v, options)
        : parsePasskeyRecord;
  let first = true;
  return (raw: string, line: number): ReadLine => {
    const text = raw.replace(/\r?\n$/, '').replace(/^\uFEFF/, '');
    if (text.includes('\n')) {
      throw new PasskeyError('INVALID_REQUEST', 'The importer takes lines, each one record', {
        details: { line },
      });
    }
    if (text.trim() === '') return { kind: 'blank' };
    const isFirst = first;
    first = false;
    if (format === 'passkey' && isFirst) return header(text, line);
    try {
      if (text.length > options.maxLineLength)
        invalidField('record', `is longer than ${options.maxLineLength} characters`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        invalidField('record', 'is not JSON', err);
      }
      return { kind: 'record', passkey: toPasskey(value) };
    } catch (error) {
      return { kind: 'invalid', error };
    }
  };
}

function header(text: string, line: number): ReadLine {
  let value: { format?: unknown; version?: unknown } | null = null;
  try {
    value = JSON.parse(text);
  } catch {}
  if (value === null || typeof value !== 'object' || value.format !== PASSKEY_EXPORT_FORMAT) {
    throw new PasskeyError('INVALID_REQUEST', `Line ${line} is not the header of a passkey export`, {
      details: { line, field: 'format' },
    });
  }
  if (value.version !== PASSKEY_EXPORT_VERSION) {
    throw new PasskeyError(
      'INVALID_REQUEST',
      `This export is of version ${String(value.version)}, not ${PASSKEY_EXPORT_VERSION}`,
      {
        details: { line, field: 'version' },
      },
    );
  }
  return { kind: 'header' };
}
