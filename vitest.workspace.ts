/**
 * The test projects: one per package (and later per example). Vitest >= 4 ignores a
 * file of this name on its own, so `vitest.config.ts` imports this list and passes it
 * to `test.projects`; `test/workspace.test.ts` proves every package is listed and ran.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

function dirsWithTests(parent: string): string[] {
  const abs = path.join(root, parent);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(abs, d.name, 'package.json')))
    .map((d) => `${parent}/${d.name}`);
}

/** Every package and example directory; each becomes a Vitest project named after it. */
export const projectDirs = [...dirsWithTests('packages'), ...dirsWithTests('examples')];

export const projects = [
  {
    extends: true as const,
    test: { name: 'workspace', root, include: ['test/**/*.test.ts'] },
  },
  ...projectDirs.map((dir) => ({
    extends: true as const,
    test: {
      name: dir.split('/')[1] as string,
      root: path.join(root, dir),
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
      // A folder whose tests need something built and started first (the Next.js example).
      globalSetup: existsSync(path.join(root, dir, 'test/global-setup.ts')) ? ['test/global-setup.ts'] : [],
    },
  })),
  {
    // The demo in real Chromium: its global setup builds and starts the demo first.
    extends: true as const,
    test: {
      name: 'demo-e2e',
      root: path.join(root, 'examples/demo'),
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/setup.ts'],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
  {
    // The client in real Chromium against the real handler: its own small page and server.
    extends: true as const,
    test: {
      name: 'client-e2e',
      root: path.join(root, 'packages/client'),
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/setup.ts'],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
];

export default projects;
