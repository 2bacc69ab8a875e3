// @ts-check
/**
 * Mutation testing of the server's parse and checks, ceremonies, step-up and receipts,
 * management and attestation trust, and core's policy: `pnpm mutation`, by hand (never in CI).
 * Reports go to reports/mutation/ (git-ignored). See docs/mutation.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/message-text.mjs'],
  // The words of errors and logs are not behaviour: see scripts/mutation/message-text.mjs.
  ignorers: ['MessageText'],
  // Every server and core test: most reach the source through the package aliases, which
  // Vitest's related-files lookup does not follow.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'packages/server/src/webauthn/**/*.ts',
    'packages/server/src/assertion/**/*.ts',
    'packages/server/src/authentication/**/*.ts',
    'packages/server/src/registration/**/*.ts',
    'packages/server/src/step-up/**/*.ts',
    'packages/server/src/management/**/*.ts',
    'packages/server/src/ceremonies/**/*.ts',
    'packages/server/src/attestation/**/*.ts',
    'packages/core/src/policy/**/*.ts',
    '!**/*.test.ts',
  ],
  // Only what the server and core tests load is copied to the sandbox.
  ignorePatterns: [
    '/examples',
    '/bench',
    '/docs',
    // scripts/mutation/fast-check.ts is the mutation run's Vitest setup file.
    '/scripts/*',
    '!/scripts/mutation',
    '/reports',
    '/.ci',
    '/.changeset',
    '/packages/client',
    '/packages/store-*',
    '/packages/transfer',
    '**/dist',
  ],
  coverageAnalysis: 'perTest',
  // A mutant reached only while modules load (a constant's initializer) would need every test, on a
  // fresh import, per mutant: hours here. Those are ignored and counted apart (docs/mutation.md);
  // one also reached by tests runs against those tests.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
