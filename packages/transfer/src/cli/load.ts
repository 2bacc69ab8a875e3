import { CliError, EXIT } from './cli-error';

/**
 * Loads an optional package the chosen store needs, by dynamic import, so that a user installs
 * only the drivers of the stores they use. A missing one is named with the command that adds it.
 */
export async function load<T>(specifier: string, forWhat: string, install: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String((err as Error).message).includes(specifier);
    if (!missing) throw err;
    throw new CliError(
      `${forWhat} needs the package ${specifier}: install it with \`${install}\``,
      EXIT.missingPackage,
    );
  }
}
