import { isPasskeyError } from '@acme/passkey-core';

/** What became of a line that was not stored. */
export type ImportOutcome = 'limit' | 'invalid' | 'conflict';

/** One line that was not stored, and why. */
export interface ImportIssue {
  /** 1-based line number in the input (the header, when any, is line 1). */
  line: number;
  /** `limit`: the user already has `maxPerUser` passkeys; `invalid`: the line failed validation;
   * `conflict`: the credential ID is stored with another owner, user handle or key. */
  outcome: ImportOutcome;
  id?: string;
  userId?: string;
  /** For `invalid`: the field at fault (`record` for the line as a whole). */
  field?: string;
  message: string;
}

/** The result of an import: a count per outcome, and the lines not stored. */
export interface ImportReport {
  /** Lines read, blank ones and the header included. */
  lines: number;
  created: number;
  /** Already stored: the same credential for the same user, key and user handle (a re-run). */
  present: number;
  limit: number;
  invalid: number;
  conflict: number;
  /** The lines not stored, in input order; at most `maxIssues` of them (the counts are exact). */
  issues: ImportIssue[];
  /** Whether issues were left out of `issues` because there were more than `maxIssues`. */
  issuesTruncated: boolean;
}

/** An empty report. */
export const emptyReport = (): ImportReport => ({
  lines: 0,
  created: 0,
  present: 0,
  limit: 0,
  invalid: 0,
  conflict: 0,
  issues: [],
  issuesTruncated: false,
});

/** Counts an issue and lists it while the list has room. */
export function addIssue(report: ImportReport, issue: ImportIssue, maxIssues: number): void {
  report[issue.outcome] += 1;
  if (report.issues.length < maxIssues) report.issues.push(issue);
  else report.issuesTruncated = true;
}

/** The issue of a line whose validation failed. */
export function invalidIssue(line: number, err: unknown): ImportIssue {
  const field = isPasskeyError(err) ? (err.details?.field as string | undefined) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return { line, outcome: 'invalid', ...(field === undefined ? {} : { field }), message };
}
