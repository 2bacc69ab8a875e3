import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.shared';

const shared = packageConfig({ entry: ['src/index.ts', 'src/testing/index.ts'] });

export default defineConfig({
  ...shared,
  // The conformance kit names the store contracts through the package's main entry, so its
  // declarations import them from `@acme/passkey-core` (what users import them from) rather
  // than from a chunk only the build knows; its code imports types only.
  external: ['@acme/passkey-core'],
  dts: {
    compilerOptions: { paths: { '@acme/passkey-core': ['packages/core/src/index.ts'] }, composite: false },
  },
});
