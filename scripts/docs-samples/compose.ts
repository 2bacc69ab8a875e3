/**
 * Turns the samples of one document into TypeScript modules to check. A document reads top to
 * bottom, so a sample may use what an earlier sample of the same document declared (imported from
 * that sample's module); what no sample declares comes from the shared prelude's `declare`s (what
 * the app brings: its sessions, its users, a request). Everything added goes after the sample's
 * own lines, so a diagnostic's line in the module is its line in the sample.
 */
import path from 'node:path';
import { declarations, relativeSpecifiers } from './names';

/** The line that separates a sample from what the check adds to it. */
export const ADDED_MARK = '// ---- added by scripts/docs-samples (not part of the sample) ----';

/** One statement of the prelude and the names it declares. */
export interface PreludeStatement {
  names: string[];
  text: string;
}

/** A module to write and check. */
export interface SampleModule {
  file: string;
  /** The sample's first line in its document. */
  line: number;
  text: string;
}

/** Splits the prelude into its declaring statements. */
export function parsePrelude(text: string): PreludeStatement[] {
  return declarations(text).map(({ names, start, end }) => ({
    names: names.map((n) => n.name),
    text: text.slice(start, end),
  }));
}

/**
 * Relative imports in a sample are relative to its document's folder or, when the sample's first
 * line is a comment naming a file there (`// app/api/passkeys/[[...path]]/route.ts`), to that
 * file's folder.
 */
function pointRelativeImports(
  code: string,
  docDir: string,
  outFile: string,
  exists: (dir: string) => boolean,
) {
  const named = /^\s*\/\/\s*(\S+\.tsx?)\b/.exec(code)?.[1];
  const from =
    named && exists(path.join(docDir, path.dirname(named))) ? path.join(docDir, path.dirname(named)) : docDir;
  let result = code;
  for (const spec of relativeSpecifiers(code).reverse()) {
    let target = path
      .relative(path.dirname(outFile), path.resolve(from, spec.text))
      .split(path.sep)
      .join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    result = `${result.slice(0, spec.start)}'${target}'${result.slice(spec.end)}`;
  }
  return result;
}

/** The modules of one document's checked samples, in order. */
export function composeDocument(
  samples: { line: number; code: string }[],
  context: { prelude: PreludeStatement[]; docDir: string; outDir: string; exists: (dir: string) => boolean },
): SampleModule[] {
  /** name → the module of the latest sample that declared it */
  const carried = new Map<string, { module: string; typeOnly: boolean }>();
  return samples.map((sample, index) => {
    const module = `${String(index + 1).padStart(2, '0')}-line-${sample.line}`;
    const file = path.join(context.outDir, `${module}.ts`);
    const code = pointRelativeImports(sample.code, context.docDir, file, context.exists);
    const own = declarations(code).flatMap((d) => d.names);
    const ownNames = new Set(own.map((n) => n.name));

    const imports = new Map<string, { values: string[]; types: string[] }>();
    for (const [name, from] of carried) {
      if (ownNames.has(name)) continue;
      const entry = imports.get(from.module) ?? { values: [], types: [] };
      (from.typeOnly ? entry.types : entry.values).push(name);
      imports.set(from.module, entry);
    }
    const added: string[] = [];
    for (const [from, { values, types }] of imports) {
      if (values.length > 0) added.push(`import { ${values.join(', ')} } from './${from}';`);
      if (types.length > 0) added.push(`import type { ${types.join(', ')} } from './${from}';`);
    }
    for (const statement of context.prelude) {
      if (statement.names.every((n) => !ownNames.has(n) && !carried.has(n))) added.push(statement.text);
    }
    const toExport = own.filter((n) => !n.exported);
    const values = toExport.filter((n) => !n.typeOnly).map((n) => n.name);
    const types = toExport.filter((n) => n.typeOnly).map((n) => n.name);
    if (values.length > 0) added.push(`export { ${values.join(', ')} };`);
    if (types.length > 0) added.push(`export type { ${types.join(', ')} };`);

    for (const n of own) carried.set(n.name, { module, typeOnly: n.typeOnly });
    const separator = code.endsWith('\n') ? '' : '\n';
    return { file, line: sample.line, text: `${code}${separator}${ADDED_MARK}\n${added.join('\n')}\n` };
  });
}
