// Collects the spec-step tags from test titles: every `it` or `test` (with `.each`, `.skipIf(…)` and
// the like) whose title names '§7.1 step N' or '§7.2 steps N–M, K'. Titles are read from the
// TypeScript syntax tree, so a comment that cites a step is never taken for a test, and a `describe`
// (which names a range for its tests to cover) counts for nothing itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const TEST_FUNCTIONS = new Set(['it', 'test']);
const TAG = /§7\.([12]) steps? (\d+(?:\s*(?:[–-]|,|and)\s*\d+)*)/g;

/** The step numbers a tag's list names: '12', '12–14', '5, 7 and 9'. */
function numbers(list) {
  const out = [];
  for (const part of list.split(/\s*(?:,|and)\s*/)) {
    const [from, to = from] = part.split(/\s*[–-]\s*/).map(Number);
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

/** The steps a title names, as `7.1:12` keys. */
export function tagsOf(title) {
  const keys = [];
  for (const [, section, list] of title.matchAll(TAG)) {
    for (const n of numbers(list)) keys.push(`7.${section}:${n}`);
  }
  return keys;
}

/** True for `it`, `it.each(…)`, `test.skipIf(…)` and the like. */
function isTestFunction(node) {
  if (ts.isIdentifier(node)) return TEST_FUNCTIONS.has(node.text);
  if (ts.isPropertyAccessExpression(node)) return isTestFunction(node.expression);
  if (ts.isCallExpression(node)) return isTestFunction(node.expression);
  return false;
}

function titleOf(arg) {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return arg.getText().slice(1, -1);
  return null;
}

/** The titles of the test file `file` that carry at least one tag. */
function taggedTitles(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && isTestFunction(node.expression) && node.arguments.length > 0) {
      const title = titleOf(node.arguments[0]);
      if (title !== null && tagsOf(title).length > 0) found.push(title);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every `*.test.ts` below `dir` (recursively), node_modules and dist left out. */
function testFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((f) => !/[/\\](node_modules|dist)[/\\]/.test(f));
}

/**
 * The tagged tests of every package: `{ file, title, keys }`, in a stable order (file, then the
 * order of the source), files relative to `root`.
 */
export function collectTaggedTests(root) {
  const packages = path.join(root, 'packages');
  const files = readdirSync(packages, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => ['src', 'test'].map((sub) => path.join(packages, d.name, sub)))
    .filter((dir) => existsSync(dir))
    .flatMap(testFiles)
    .sort();
  return files.flatMap((file) =>
    taggedTitles(file).map((title) => ({
      file: path.relative(root, file).split(path.sep).join('/'),
      title,
      keys: tagsOf(title),
    })),
  );
}
