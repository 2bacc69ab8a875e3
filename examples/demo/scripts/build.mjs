// Builds the demo: the page (src/web → dist/web) and the server (src/server → dist/server).
// Workspace packages are bundled from source through the tsconfig paths, so nothing else
// needs building first.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => `${root}${p}`;

await rm(at('dist'), { recursive: true, force: true });
await mkdir(at('dist/web'), { recursive: true });

await Promise.all([
  build({
    entryPoints: [at('src/web/main.ts')],
    outfile: at('dist/web/app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    tsconfig: at('tsconfig.json'),
    logLevel: 'warning',
  }),
  build({
    entryPoints: [at('src/server/main.ts')],
    outfile: at('dist/server/main.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    tsconfig: at('tsconfig.json'),
    // Loaded at run time from node_modules: PGlite reads its WASM files next to its module.
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pg-native', 'ioredis', 'redis'],
    // Some bundled CommonJS dependencies call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  }),
  copyFile(at('src/web/index.html'), at('dist/web/index.html')),
  copyFile(at('src/web/styles.css'), at('dist/web/styles.css')),
]);
console.log('demo built: dist/web (page), dist/server/main.js (server)');
