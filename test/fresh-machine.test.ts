import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Runs scripts/bootstrap.mjs as `npm test` does (npm's npm_config_* settings in its env). */
function bootstrap(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['scripts/bootstrap.mjs', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/** The bootstrap would install first: never from a test, in someone's checkout. */
function skipUnlessInstalled(ctx: TestContext) {
  const installed = path.join(root, 'node_modules/.pnpm/lock.yaml');
  if (!existsSync(installed) || read('node_modules/.pnpm/lock.yaml') !== read('pnpm-lock.yaml')) {
    ctx.skip('node_modules does not match pnpm-lock.yaml: run pnpm install');
  }
}

describe('the two commands of a fresh machine', () => {
  it("are the README's first commands, and CI ends with the same test command", () => {
    const block = /```sh\n([\s\S]*?)```/.exec(read('README.md'))?.[1] ?? '';
    const commands = block.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(commands).toEqual(['npm run demo', 'npm test']);
    expect(read('.ci/run').trimEnd().split('\n').at(-1)).toBe('npm test');
  });

  it('go through the bootstrap, which installs the pnpm that packageManager pins', () => {
    const manifest = JSON.parse(read('package.json'));
    expect(manifest.scripts.test).toBe('node scripts/bootstrap.mjs vitest run');
    expect(manifest.scripts.demo).toMatch(/^node scripts\/bootstrap\.mjs pnpm --filter @acme\/passkey-demo /);
    expect(manifest.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    expect(read('.gitignore').split('\n')).toContain('.tools/');
  });

  it('run the command on installed dependencies without installing anything, with its exit code', (ctx) => {
    skipUnlessInstalled(ctx);
    for (const code of [0, 1, 3]) {
      const run = bootstrap(['node', '-e', `process.exit(${code})`]);
      expect(run.status).toBe(code);
      expect(run.stdout).not.toContain('[bootstrap]');
    }
    expect(bootstrap(['no-such-command-here']).status).toBe(127);
  });

  it("give the command node_modules/.bin first on its PATH and none of npm's own settings", (ctx) => {
    skipUnlessInstalled(ctx);
    const script = 'console.log(JSON.stringify([process.env.PATH, process.env.npm_config_cache ?? null]))';
    const run = bootstrap(['node', '-e', script], { npm_config_cache: '/somewhere/else' });
    expect(run.status).toBe(0);
    const [pathVar, cache] = JSON.parse(run.stdout) as [string, string | null];
    expect(pathVar.split(path.delimiter)[0]).toBe(path.join(root, 'node_modules', '.bin'));
    expect(cache).toBeNull();
  });
});
