/**
 * `pnpm docs:check`: every TypeScript sample of the docs (docs/*.md) and the READMEs (the root's,
 * each package's and each example's) is extracted into scripts/docs-samples/.out/ (git-ignored)
 * and type-checked by tsc against the workspace packages' source (the `@acme/*` paths of
 * tsconfig.base.json), under the packages' strict options. Diagnostics name the document's line.
 * A sample may use what earlier samples of its document declared, and the `declare`s of
 * prelude.ts (what the app brings); `<!-- not checked: reason -->` right before a block skips it.
 * `tsc -p scripts/docs-samples/.out` checks the last extraction again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ADDED_MARK, composeDocument, parsePrelude } from './compose';
import { extractSamples, missingFromFile } from './extract';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(here, '.out');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** README.md, docs/*.md, and the README of every package and example. */
function documents(): string[] {
  const list = (dir: string) =>
    existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir), { withFileTypes: true }) : [];
  const readme = (dir: string) =>
    list(dir)
      .filter((d) => d.isDirectory() && existsSync(path.join(root, dir, d.name, 'README.md')))
      .map((d) => path.join(root, dir, d.name, 'README.md'));
  return [
    path.join(root, 'README.md'),
    ...list('docs')
      .filter((d) => d.isFile() && d.name.endsWith('.md'))
      .map((d) => path.join(root, 'docs', d.name)),
    ...readme('packages'),
    ...readme('examples'),
  ];
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const prelude = parsePrelude(readFileSync(path.join(here, 'prelude.ts'), 'utf8'));
const docs = documents();

/** generated module → its sample's document and first line */
const origin = new Map<string, { doc: string; line: number }>();
const skipped: string[] = [];
let total = 0;
let excerpts = 0;
let excerptErrors = 0;
for (const doc of docs) {
  const samples = extractSamples(readFileSync(doc, 'utf8'));
  total += samples.length;
  for (const s of samples) if (s.skip !== null) skipped.push(`${rel(doc)}:${s.line} (${s.skip})`);
  for (const s of samples.filter((s) => s.excerptOf !== undefined)) {
    const file = path.join(root, s.excerptOf ?? '');
    const missing = existsSync(file)
      ? missingFromFile(s.code, readFileSync(file, 'utf8'))
      : `(no file ${s.excerptOf})`;
    excerpts++;
    if (missing !== null) {
      excerptErrors++;
      console.log(
        `${rel(doc)}:${s.line} - not the lines of ${s.excerptOf}:\n  ${missing.split('\n').join('\n  ')}`,
      );
    }
  }
  const checked = samples.filter((s) => s.skip === null && s.excerptOf === undefined);
  if (checked.length === 0) continue;
  const outDir = path.join(out, rel(doc).replace(/\.md$/, '').replaceAll('/', '__'));
  mkdirSync(outDir, { recursive: true });
  for (const m of composeDocument(checked, {
    prelude,
    docDir: path.dirname(doc),
    outDir,
  })) {
    writeFileSync(m.file, m.text);
    origin.set(path.resolve(m.file), { doc: rel(doc), line: m.line });
  }
}

// The packages' options (tsconfig.base.json: strict, @acme/* → source); each sample is a module
// of its own; unused names are fine in an excerpt.
const compilerOptions = {
  types: ['node'],
  moduleDetection: 'force',
  noUnusedLocals: false,
  noUnusedParameters: false,
};
const tsconfig = { extends: '../../../tsconfig.base.json', compilerOptions, include: ['**/*.ts'] };
writeFileSync(path.join(out, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(out, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('docs:check: cannot read the generated tsconfig.json');
const diagnostics = ts.getPreEmitDiagnostics(
  ts.createProgram({ rootNames: config.fileNames, options: config.options }),
);

let errors = 0;
for (const d of diagnostics) {
  if (d.category === ts.DiagnosticCategory.Error) errors++;
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file || d.start === undefined) {
    console.log(`TS${d.code}: ${message}`);
    continue;
  }
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const where = origin.get(path.resolve(d.file.fileName));
  const sampleLines = d.file.text.slice(0, d.file.text.indexOf(ADDED_MARK)).split('\n').length - 1;
  const at = where
    ? `${where.doc}:${where.line + line}:${character + 1}`
    : `${rel(d.file.fileName)}:${line + 1}`;
  const added = where && line >= sampleLines ? `  [in the lines added to ${rel(d.file.fileName)}]` : '';
  console.log(`${at} - TS${d.code}: ${message}${added}`);
}
const notChecked = skipped.length > 0 ? `:\n  ${skipped.join('\n  ')}` : '';
console.log(
  `\ndocs:check: ${total} TypeScript samples in ${docs.length} documents: ${origin.size} type-checked, ` +
    `${excerpts} excerpts matched against their files, ${skipped.length} not checked${notChecked}`,
);
const failed = errors + excerptErrors;
console.log(failed === 0 ? 'docs:check: every checked sample type-checks' : `docs:check: ${failed} errors`);
process.exit(failed === 0 ? 0 : 1);
