/**
 * `pnpm docs:check` (scripts/docs-samples): which blocks it extracts, and what it adds to each so
 * that a document's samples check as a reader reads them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDED_MARK, composeDocument, parsePrelude } from '../scripts/docs-samples/compose';
import { extractSamples, missingFromFile } from '../scripts/docs-samples/extract';

const added = (text: string) =>
  text
    .slice(text.indexOf(ADDED_MARK) + ADDED_MARK.length)
    .trim()
    .split('\n');

describe('extractSamples', () => {
  it('takes ts and typescript blocks with the line their code starts on, and nothing else', () => {
    const md = [
      '# T',
      '',
      '```ts',
      'const a = 1;',
      '```',
      '```sh',
      'ls',
      '```',
      '```typescript',
      'b;',
      '```',
      '```tsx',
      '<a/>',
      '```',
    ];
    expect(extractSamples(md.join('\n'))).toEqual([
      { line: 4, code: 'const a = 1;\n', skip: null },
      { line: 10, code: 'b;\n', skip: null },
    ]);
  });

  it('skips a block only right after a "not checked" comment that gives a reason', () => {
    const cases: [string, string | null][] = [
      ['<!-- not checked: a fragment of a config -->\n```ts\nx\n```', 'a fragment of a config'],
      ['<!-- not checked -->\n```ts\nx\n```', null],
      ['<!-- not checked: far -->\n\ntext\n\n```ts\nx\n```', null],
      ['<!-- checked -->\n```ts\nx\n```', null],
    ];
    for (const [md, skip] of cases) expect(extractSamples(md)[0]?.skip, md).toBe(skip);
  });

  it('finds blocks inside list items, with their lines', () => {
    const md = '- item\n\n  ```ts\n  const inList = 1;\n  ```\n';
    expect(extractSamples(md)).toEqual([{ line: 4, code: 'const inList = 1;\n', skip: null }]);
  });
});

describe('composeDocument', () => {
  const prelude = parsePrelude(
    'declare const app: 1;\ndeclare const request: Request;\ndeclare function go(): void;\n',
  );
  const context = { prelude, docDir: '/repo/docs', outDir: '/repo/out/docs' };

  it('keeps the sample first, so its lines are the document lines', () => {
    const [m] = composeDocument([{ line: 12, code: 'const x = 1;\n' }], context);
    expect(m?.text.startsWith('const x = 1;\n')).toBe(true);
    expect(m?.line).toBe(12);
  });

  it('gives a sample what earlier samples declared, from the latest, before the prelude', () => {
    const modules = composeDocument(
      [
        {
          line: 1,
          code: "import { a, type T } from 'lib';\nconst app = a();\ninterface Shape { n: number }\n",
        },
        { line: 9, code: 'const { app: again, request } = { app, request: 1 };\n' },
        { line: 20, code: 'go(app, again);\n' },
      ],
      context,
    );
    const [first, second, third] = modules.map((m) => added(m.text));
    expect(first).toContain('declare const request: Request;');
    expect(first).not.toContain('declare const app: 1;');
    expect(first).toContain('export { a, app };');
    expect(first).toContain('export type { T, Shape };');
    // The second declares `request` itself: neither the prelude's nor an import of it.
    expect(second).toContain("import { a, app } from './01-line-1';");
    expect(second).toContain("import type { T, Shape } from './01-line-1';");
    expect(second?.join('\n')).not.toMatch(/declare const (request|app)/);
    expect(third).toContain("import { again, request } from './02-line-9';");
    expect(third).toContain('declare function go(): void;');
  });

  it('exports nothing twice', () => {
    const [m] = composeDocument(
      [{ line: 1, code: 'export const GET = 1;\nconst b = 2;\nexport { b };\n' }],
      context,
    );
    expect(added(m?.text ?? '')).not.toContainEqual(expect.stringMatching(/^export/));
  });

  it('points an import of a file an earlier sample is at that sample', () => {
    const [, handler, mount] = composeDocument(
      [
        { line: 1, code: '// lib/passkeys.ts\nexport const passkeys = 1;\n' },
        { line: 5, code: "// lib/handler.ts\nimport { passkeys } from './passkeys';\n" },
        { line: 9, code: "import { passkeys } from './lib/passkeys.ts';\n" },
      ],
      context,
    );
    expect(handler?.text).toContain("from './01-line-1'");
    expect(mount?.text).toContain("from './01-line-1'");
  });

  it('points relative imports at the document folder, or at the file the first line names', () => {
    const [plain, named] = composeDocument(
      [
        { line: 1, code: "import { x } from './lib/x';\n" },
        { line: 5, code: "// app/api/route.ts\nimport { y } from '../../lib/y';\n" },
      ],
      context,
    );
    const target = (m: typeof plain) => /from '([^']+)'/.exec(m?.text ?? '')?.[1] ?? '';
    expect(path.resolve('/repo/out/docs', target(plain))).toBe('/repo/docs/lib/x');
    expect(path.resolve('/repo/out/docs', target(named))).toBe('/repo/docs/lib/y');
  });
});

describe('excerpts', () => {
  const file = 'export function f() {\n  const a = 1;\n  const b = 2;\n  return a + b;\n}\n';

  it('marks a block after an excerpt comment with its file', () => {
    const [sample] = extractSamples('<!-- excerpt: src/f.ts -->\n```ts\nconst a = 1;\n```\n');
    expect(sample).toMatchObject({ excerptOf: 'src/f.ts', skip: null });
  });

  it("holds an excerpt to the file's lines, in order, indentation aside, with … between runs", () => {
    expect(missingFromFile('const a = 1;\nconst b = 2;\n', file)).toBeNull();
    expect(missingFromFile('export function f() {\n  // …\n  return a + b;\n}\n', file)).toBeNull();
    expect(missingFromFile('const a = 1;\nreturn a + b;\n', file)).toBe('const a = 1;\nreturn a + b;');
    expect(missingFromFile('return a + b;\n// …\nconst a = 1;\n', file)).toBe('const a = 1;');
    expect(missingFromFile('const a = 2;\n', file)).toBe('const a = 2;');
  });
});
