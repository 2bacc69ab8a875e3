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

/** The file a sample says it is, by a first-line comment such as `// app/api/passkeys/[[...path]]/route.ts`. */
const namedFile = (code: string) => /^\s*\/\/\s*(\S+\.tsx?)\b/.exec(code)?.[1];

/**
 * Points a sample's relative imports at what they name. A sample that says it is a file (its first
 * line names it) is that file of the app the document builds, relative to the document's folder:
 * an import of it from a later sample is an import of that sample's module. Any other relative
 * import is a real file, relative to the document's folder or to the file the sample names.
 */
function pointRelativeImports(
  code: string,
  outFile: string,
  where: { docDir: string; named: Map<string, string> },
) {
  const own = namedFile(code);
  const from = own ? path.join(where.docDir, path.dirname(own)) : where.docDir;
  let result = code;
  for (const spec of relativeSpecifiers(code).reverse()) {
    const resolved = path.resolve(from, spec.text).replace(/\.[cm]?[jt]sx?$/, '');
    const sample = where.named.get(resolved);
    let target = sample
      ? `./${sample}`
      : path.relative(path.dirname(outFile), resolved).split(path.sep).join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    result = `${result.slice(0, spec.start)}'${target}'${result.slice(spec.end)}`;
  }
  return result;
}

/** The modules of one document's checked samples, in order. */
export function composeDocument(
  samples: { line: number; code: string }[],
  context: { prelude: PreludeStatement[]; docDir: string; outDir: string },
): SampleModule[] {
  /** name → the module of the latest sample that declared it */
  const carried = new Map<string, { module: string; typeOnly: boolean }>();
  /** file the document's app has (absolute, no extension) → the module of the latest sample that is it */
  const named = new Map<string, string>();
  return samples.map((sample, index) => {
    const module = `${String(index + 1).padStart(2, '0')}-line-${sample.line}`;
    const file = path.join(context.outDir, `${module}.ts`);
    const code = pointRelativeImports(sample.code, file, { ...context, named });
    const ownFile = namedFile(sample.code);
    if (ownFile) named.set(path.resolve(context.docDir, ownFile).replace(/\.tsx?$/, ''), module);
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
