// `node scripts/bootstrap.mjs <command> [args…]`: runs the command once the workspace's
// dependencies are installed, installing them first when they are not. This is what lets
// `npm test` and `npm run demo` work on a machine that has only Node.js and npm:
//  1. when node_modules does not match pnpm-lock.yaml: `pnpm install --frozen-lockfile`;
//  2. the command, with node_modules/.bin on its PATH; its exit code becomes this script's.
// pnpm, when needed (step 1, or a command that is `pnpm`), is the version `packageManager` pins:
// the pnpm running this script, else one on the PATH, else one installed with npm into
// .tools/pnpm-<version>/ (no global install, no root, no corepack), whose bin folder joins PATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const toolsDir = path.join(root, '.tools', `pnpm-${version}`);
const say = (message) => console.log(`[bootstrap] ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// npm exports its own settings (cache, prefix, log level…) to the scripts it runs as lowercase
// npm_config_* variables; pnpm would take them for its own. pnpm reads the .npmrc files itself.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_config_')));
// The version is pinned on purpose: no "update available" box from pnpm.
env.npm_config_update_notifier = 'false';
const binDirs = [path.join(root, 'node_modules', '.bin')];

/** How to run the pinned pnpm: [executable, ...leading args]. */
function findPnpm() {
  const agent = process.env.npm_config_user_agent ?? '';
  if (agent.startsWith(`pnpm/${version} `) && process.env.npm_execpath) {
    return [process.execPath, process.env.npm_execpath];
  }
  const onPath = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === version) return ['pnpm'];
  const local = path.join(toolsDir, 'node_modules', '.bin');
  if (!existsSync(path.join(local, 'pnpm'))) {
    const started = Date.now();
    say(`pnpm ${version} is not on the PATH: installing it with npm into ${path.relative(root, toolsDir)}/`);
    const npm = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        toolsDir,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `pnpm@${version}`,
      ],
      { stdio: 'inherit' },
    );
    if (npm.status !== 0) throw new Error(`npm install pnpm@${version} failed (exit ${npm.status})`);
    say(`pnpm ${version} installed (${seconds(started)})`);
  }
  binDirs.push(local);
  return [path.join(local, 'pnpm')];
}

/** Whether node_modules holds what pnpm-lock.yaml says (pnpm keeps a copy of it there). */
function dependenciesMatchLockfile() {
  const installed = path.join(root, 'node_modules', '.pnpm', 'lock.yaml');
  return (
    existsSync(installed) &&
    readFileSync(installed, 'utf8') === readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8')
  );
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/bootstrap.mjs <command> [args…]');
  process.exit(2);
}
// pnpm is looked for only when needed: tests on installed dependencies run without it.
let pnpm;
const needPnpm = () => {
  pnpm ??= findPnpm();
  return pnpm;
};
if (!dependenciesMatchLockfile()) {
  const started = Date.now();
  const [file, ...lead] = needPnpm();
  say('installing the dependencies (pnpm install --frozen-lockfile)');
  const install = spawnSync(file, [...lead, 'install', '--frozen-lockfile'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (install.status !== 0) {
    console.error('[bootstrap] pnpm install failed: if you changed a package.json, run pnpm install');
    process.exit(install.status ?? 1);
  }
  say(`dependencies installed (${seconds(started)})`);
}

const [file, ...lead] = command === 'pnpm' ? needPnpm() : [command];
env.PATH = [...binDirs, env.PATH].join(path.delimiter);
const child = spawn(file, [...lead, ...args], { env, stdio: 'inherit' });
// Ctrl-C reaches the child from the terminal: wait for it to finish. A TERM is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (err) => {
  console.error(`[bootstrap] could not run ${command}: ${err.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
