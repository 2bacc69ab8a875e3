/** Schema and table-prefix names: lowercase, so they never need case folding, and short enough for PostgreSQL's 63-byte limit. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

/** The validated names and quoted, schema-qualified tables of one store instance. */
export interface TableNames {
  schema: string;
  prefix: string;
  credentials: string;
  challenges: string;
  migrations: string;
  /** Keys the advisory locks of this instance, so two schemas never wait on each other. */
  lockNamespace: string;
}

/**
 * Validates the schema and prefix (`/^[a-z_][a-z0-9_]{0,40}$/`; the prefix may also be empty)
 * and builds the quoted table names. Throws a `TypeError` for anything else: these names are
 * spliced into SQL, so they are checked, never escaped.
 */
export function tableNames(schema = 'public', prefix = 'passkey_'): TableNames {
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema)) {
    throw new TypeError(`schema must match ${IDENTIFIER}, got ${JSON.stringify(schema)}`);
  }
  if (typeof prefix !== 'string' || (prefix !== '' && !IDENTIFIER.test(prefix))) {
    throw new TypeError(`tablePrefix must be empty or match ${IDENTIFIER}, got ${JSON.stringify(prefix)}`);
  }
  const table = (name: string) => `"${schema}"."${prefix}${name}"`;
  return {
    schema,
    prefix,
    credentials: table('credentials'),
    challenges: table('challenges'),
    migrations: table('migrations'),
    lockNamespace: `acme-passkey:${schema}.${prefix}`,
  };
}

/** Fills a migration's `{{schema}}` and `{{prefix}}` placeholders. */
export function renderMigration(sql: string, names: TableNames): string {
  return sql.replaceAll('{{schema}}', names.schema).replaceAll('{{prefix}}', names.prefix);
}

/**
 * Splits a migration into statements, for engines whose `query` runs one at a time (PGlite's
 * extended protocol). The convention of `migrations/`: each statement ends with `;` at the end
 * of a line, and no literal contains one there. Chunks of comments alone are dropped.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*$/m)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
