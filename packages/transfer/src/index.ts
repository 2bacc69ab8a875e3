/**
 * @acme/passkey-transfer — move passkeys between stores as JSON Lines (export, import), and
 * import the passkeys another library stored (SimpleWebAuthn, Better Auth), keeping credential
 * IDs, keys, counters, flags and user handles, so that users sign in as before.
 * @packageDocumentation
 */
export { type BetterAuthPasskeyRow, fromBetterAuth } from './better-auth';
export { coseAlgorithm } from './cose';
export { type ExportOptions, exportPasskeys } from './export-passkeys';
export type { ForeignRecordOptions } from './foreign';
export {
  PASSKEY_EXPORT_FORMAT,
  PASSKEY_EXPORT_VERSION,
  type PasskeyExportHeader,
  type PasskeyRecord,
  toPasskeyRecord,
} from './format';
export { type ImportOptions, importPasskeys } from './import-passkeys';
export { parsePasskeyRecord } from './parse-record';
export { IMPORT_FORMATS, type ImportFormat } from './read-lines';
export type { ImportIssue, ImportOutcome, ImportReport } from './report';
export { fromSimpleWebAuthn, type SimpleWebAuthnOptions, type SimpleWebAuthnRecord } from './simplewebauthn';
