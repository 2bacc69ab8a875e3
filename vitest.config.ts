import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import EveryProjectRan from './test/every-project-ran.ts';
import RunSummary from './test/run-summary.ts';
import { projects } from './vitest.workspace.ts';

const summary = new RunSummary();
const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Unit tests run against source: no build needed (as tRPC's root config does).
    alias: [
      { find: /^@acme\/passkey-core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@acme\/passkey-core$/, replacement: src('core/src/index.ts') },
      { find: /^@acme\/passkey-server\/node$/, replacement: src('server/src/node/index.ts') },
      { find: /^@acme\/passkey-server$/, replacement: src('server/src/index.ts') },
      { find: /^@acme\/passkey-client$/, replacement: src('client/src/index.ts') },
      { find: /^@acme\/passkey-testing$/, replacement: src('testing/src/index.ts') },
      { find: /^@acme\/passkey-store-postgres$/, replacement: src('store-postgres/src/index.ts') },
      { find: /^@acme\/passkey-store-redis$/, replacement: src('store-redis/src/index.ts') },
      { find: /^@acme\/passkey-transfer$/, replacement: src('transfer/src/index.ts') },
      { find: /^@acme\/passkey-store-mysql$/, replacement: src('store-mysql/src/index.ts') },
    ],
  },
  test: {
    projects,
    reporters: ['default', new EveryProjectRan(summary), summary],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
