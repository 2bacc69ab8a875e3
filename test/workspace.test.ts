import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDirs, projects } from '../vitest.workspace.ts';

const root = path.resolve(__dirname, '..');

function files(dir: string, match: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => match.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

describe('workspace', () => {
  it('drives one Vitest project per package and example, loaded from vitest.workspace.ts', () => {
    const packages = readdirSync(path.join(root, 'packages')).map((d) => `packages/${d}`);
    for (const dir of packages) expect(projectDirs).toContain(dir);
    const names = projects.map((p) => p.test.name);
    expect(new Set(names).size).toBe(names.length);
    const config = readFileSync(path.join(root, 'vitest.config.ts'), 'utf8');
    expect(config).toMatch(/from '\.\/vitest\.workspace(\.ts)?'/);
    expect(config).toMatch(/projects,/);
  });

  it('gives every package tests of its own', () => {
    for (const dir of projectDirs.filter((d) => d.startsWith('packages/'))) {
      const tests = [
        ...files(path.join(root, dir, 'src'), /\.test\.ts$/),
        ...files(path.join(root, dir, 'test'), /\.test\.ts$/),
      ];
      expect(tests.length, `${dir} has no tests`).toBeGreaterThan(0);
    }
  });

  it('keeps node:* out of the packages that run in browsers and edge runtimes', () => {
    for (const pkg of ['core', 'client']) {
      const sources = files(path.join(root, 'packages', pkg, 'src'), /\.ts$/).filter(
        (f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`),
      );
      for (const file of sources) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(
          /from\s+['"]node:|require\(\s*['"]node:|from\s+['"](fs|path|crypto|buffer|util|os)['"]/,
        );
      }
    }
  });
});
