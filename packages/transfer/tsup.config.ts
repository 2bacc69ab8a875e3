import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.shared';

export default defineConfig([
  packageConfig({ entry: ['src/index.ts'] }),
  // The command: ESM only, run by Node through the package's `bin`.
  {
    ...packageConfig({ entry: { cli: 'src/cli/main.ts' } as never }),
    format: ['esm'],
    dts: false,
    clean: false,
  },
]);
