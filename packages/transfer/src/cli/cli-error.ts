/**
 * The exit codes of `passkey-store`, one per thing a person does next: fix the command (2),
 * look at the refused lines (3), fix the input file (4), check the database (5), install a
 * package (6). 0 is success; 1 is a failure of the command itself.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  refused: 3,
  badInput: 4,
  store: 5,
  missingPackage: 6,
} as const;

/** A failure with the message a person acts on and the exit code that goes with it. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
