#!/usr/bin/env node
/**
 * The packages' API reports (API Extractor): one per published entry point, read from the built
 * `dist/*.d.ts` and committed as `packages/<pkg>/etc/<name>.api.md`, so that a change to the public
 * API shows up in review as a diff of its report.
 *
 *   pnpm api:check    fails when a report is missing or stale (and prints the diff), when an entry's
 *                     signatures name a type the entry does not export, or when an entry point of a
 *                     package's `exports` has no report
 *   pnpm api:update   writes the reports anew
 *
 * Needs `pnpm build` first. Each entry's settings: `packages/<pkg>/api-extractor*.json`, which
 * extend `api-extractor.base.json`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const packagesDir = path.join(root, 'packages');
const rel = (file) => path.relative(root, file);

/** The published packages' folders. */
const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(packagesDir, d.name, 'package.json')))
  .map((d) => path.join(packagesDir, d.name))
  .filter((dir) => !JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).private)
  .sort();

/** Every declaration file a package's `exports` hands to TypeScript for `import`, any condition. */
function exportedEntries(dir) {
  const found = new Set();
  const walk = (node, key) => {
    if (typeof node === 'string') {
      if (key === 'types' && node.endsWith('.d.ts')) found.add(path.join(dir, node));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== 'require') walk(v, k);
    }
  };
  walk(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).exports, '');
  return found;
}

/**
 * Links `node_modules/.cache/api-extractor/main-entry.d.ts` to the package's built main entry, for
 * a subpath entry whose declarations import the main entry by the package's name (see
 * packages/core/api-extractor.testing.json): under node_modules it resolves as a package would.
 */
function linkMainEntry(dir) {
  const cache = path.join(dir, 'node_modules/.cache/api-extractor');
  mkdirSync(cache, { recursive: true });
  const link = path.join(cache, 'main-entry.d.ts');
  rmSync(link, { force: true });
  symlinkSync(path.relative(cache, path.join(dir, 'dist/index.d.ts')), link);
}

const failed = [];
for (const dir of packages) {
  const uncovered = exportedEntries(dir);
  const configs = readdirSync(dir).filter((f) => /^api-extractor(\.[\w-]+)?\.json$/.test(f));
  if (configs.length > 0) linkMainEntry(dir);
  for (const file of configs.sort()) {
    const config = ExtractorConfig.loadFileAndPrepare(path.join(dir, file));
    uncovered.delete(config.mainEntryPointFilePath);
    const label = rel(config.reportFilePath);
    if (!existsSync(config.mainEntryPointFilePath)) {
      failed.push(`${label}: ${rel(config.mainEntryPointFilePath)} is missing (run pnpm build first)`);
      continue;
    }
    if (update) mkdirSync(config.reportFolder, { recursive: true });
    const result = Extractor.invoke(config, { localBuild: update, printApiReportDiff: !update });
    if (result.succeeded) {
      console.log(`${result.apiReportChanged ? 'updated' : 'ok     '} ${label}`);
      continue;
    }
    const why = [];
    if (result.errorCount > 0) why.push(`${result.errorCount} error(s)`);
    if (result.apiReportChanged && !update) {
      why.push('the public API changed (diff above): run pnpm api:update and commit the report');
    } else if (result.warningCount > 0) {
      why.push(`${result.warningCount} warning(s)`);
    }
    failed.push(`${label}: ${why.join('; ')}`);
  }
  for (const entry of uncovered) {
    failed.push(`${rel(entry)}: exported by ${rel(dir)}/package.json but has no api-extractor*.json`);
  }
}

if (failed.length > 0) {
  console.error(`\nAPI reports: ${failed.length} failed\n${failed.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nAPI reports: ${update ? 'written' : 'current'}`);
