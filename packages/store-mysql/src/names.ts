/** A table prefix: lowercase, so no server's `lower_case_table_names` setting can change it, and short enough for MySQL's 64-character names. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

/** The validated prefix and quoted table names of one store instance. */
export interface TableNames {
  prefix: string;
  credentials: string;
  userLocks: string;
  challenges: string;
  migrations: string;
}

/**
 * Validates the prefix (empty, or `/^[a-z_][a-z0-9_]{0,40}$/`) and builds the quoted table
 * names. Throws a `TypeError` for anything else: the prefix is spliced into SQL, so it is
 * checked, never escaped.
 */
export function tableNames(prefix: unknown = 'passkey_'): TableNames {
  if (typeof prefix !== 'string' || (prefix !== '' && !IDENTIFIER.test(prefix))) {
    throw new TypeError(`tablePrefix must be empty or match ${IDENTIFIER}, got ${JSON.stringify(prefix)}`);
  }
  const table = (name: string) => `\`${prefix}${name}\``;
  return {
    prefix,
    credentials: table('credentials'),
    userLocks: table('user_locks'),
    challenges: table('challenges'),
    migrations: table('migrations'),
  };
}

/** Fills a migration's `{{prefix}}` placeholders. */
export function renderMigration(sql: string, names: TableNames): string {
  return sql.replaceAll('{{prefix}}', names.prefix);
}

/**
 * Splits a migration into statements (a mysql2 pool runs one per query unless built with
 * `multipleStatements`). The convention of `migrations/`: each statement ends with `;` at the
 * end of a line, and no literal or comment has one there. Chunks of comments alone are dropped.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*$/m)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
