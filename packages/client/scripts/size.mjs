// Bundle size of the client with its dependencies (min + gzip), against the budget: every
// export, and createPasskeyClient alone (what an app that imports nothing else gets), next to
// @simplewebauthn/browser alone bundled the same way.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 5 * 1024;

async function gzipped(input) {
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const here = new URL('..', import.meta.url).pathname;
const client = await gzipped({ entryPoints: ['src/index.ts'], absWorkingDir: here });
const calls = await gzipped({
  stdin: {
    contents: "export { createPasskeyClient } from './src/index.ts';",
    resolveDir: here,
    loader: 'ts',
  },
});
const library = await gzipped({
  stdin: { contents: "export * from '@simplewebauthn/browser';", resolveDir: here },
});

console.log(`@acme/passkey-client (with dependencies): ${client} B min+gzip (budget ${BUDGET} B)`);
console.log(`@simplewebauthn/browser alone:            ${library} B min+gzip`);
// Last, so that readers of the first two lines (bench/bundle.ts) still find client and library.
console.log(`createPasskeyClient alone:                ${calls} B min+gzip`);
if (client > BUDGET) {
  console.error(`Over budget by ${client - BUDGET} B`);
  process.exit(1);
}
