// `pnpm release:dry`: what a release would publish, installed as a user installs it. Packs every
// package (pnpm pack turns `workspace:` ranges into real versions: checked here), installs the
// tarballs together into a scratch app in a temp folder with npm, type-checks the app under
// nodenext, bundler and node10, and runs the smoke ceremony from ESM and from CommonJS.
// `--no-build` reuses dist/ from an earlier `pnpm build`; `--keep` leaves the temp folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = new Set(process.argv.slice(2));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(path.join(root, 'package.json'));

const started = Date.now();
function step(title, fn) {
  const t = Date.now();
  console.log(`\n--- ${title}`);
  const result = fn();
  console.log(`    (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return result;
}
const run = (cmd, argv, cwd, capture = false) =>
  execFileSync(cmd, argv, {
    cwd,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });

/** The publishable packages: packages/* folders whose manifest is not private. */
const packages = readdirSync(path.join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'packages', d.name, 'package.json')))
  .map((d) => path.join(root, 'packages', d.name))
  .map((dir) => ({ dir, ...readJson(path.join(dir, 'package.json')) }))
  .filter((p) => !p.private);
const versions = new Map(packages.map((p) => [p.name, p.version]));

if (!args.has('--no-build')) step('build (pnpm build)', () => run('pnpm', ['build'], root));

const work = mkdtempSync(path.join(tmpdir(), 'passkey-release-dry-'));
const tarballs = path.join(work, 'tarballs');
const app = path.join(work, 'app');
let ok = false;
try {
  step(`pack ${packages.length} packages into ${tarballs}`, () => {
    for (const { dir } of packages) run('pnpm', ['pack', '--pack-destination', tarballs], dir, true);
  });
  const files = readdirSync(tarballs)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => path.join(tarballs, f));

  step('packed manifests: no workspace: ranges, siblings at their real versions', () => {
    for (const file of files) {
      const manifest = JSON.parse(run('tar', ['-xzOf', file, 'package/package.json'], work, true));
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
          if (range.startsWith('workspace:')) throw new Error(`${manifest.name} ${field}.${dep} is ${range}`);
          const sibling = versions.get(dep);
          if (sibling && !range.endsWith(sibling))
            throw new Error(`${manifest.name} ${field}.${dep} is ${range}, not ${sibling}`);
        }
      }
      const internal = Object.entries(manifest.dependencies ?? {}).filter(([d]) => versions.has(d));
      console.log(
        `    ${path.basename(file)}: ${internal.map(([d, r]) => `${d}@${r}`).join(', ') || 'no workspace dependency'}`,
      );
    }
  });

  step('install the tarballs together into a scratch app (npm)', () => {
    cpSync(fileURLToPath(new URL('./app', import.meta.url)), app, { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      `${JSON.stringify({ name: 'release-dry-app', private: true, type: 'module' }, null, 2)}\n`,
    );
    const pglite = readJson(path.join(root, 'packages/store-postgres/package.json')).devDependencies[
      '@electric-sql/pglite'
    ];
    const tools = [
      `typescript@${rootManifest.devDependencies.typescript}`,
      `@types/node@${rootManifest.devDependencies['@types/node']}`,
      `@electric-sql/pglite@${pglite}`,
      '@types/emscripten@^1.41.6', // PGlite's declarations refer to it (skipLibCheck is off)
    ];
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files, ...tools],
      app,
    );
    // npm must have used the packed core for every sibling: one copy, at the top.
    for (const { name } of packages) {
      const nested = path.join(app, 'node_modules', name, 'node_modules/@acme');
      if (existsSync(nested)) throw new Error(`a second copy of a sibling under ${nested}`);
    }
  });

  for (const resolution of ['nodenext', 'bundler', 'node10']) {
    step(`type-check the app (moduleResolution ${resolution})`, () =>
      run(path.join(app, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${resolution}.json`], app),
    );
  }
  step('smoke test, ESM', () => run(process.execPath, ['smoke.mjs'], app));
  step('smoke test, CommonJS', () => run(process.execPath, ['smoke.cjs'], app));
  ok = true;
} catch (err) {
  console.error(`\n${err.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  if (ok && !args.has('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`\nscratch app kept in ${app}`);
  console.log(`\nrelease:dry ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
