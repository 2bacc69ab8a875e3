import type { Options } from 'tsup';

/** One build recipe for every package: ESM + CJS + .d.ts, dependencies left external. */
export function packageConfig(opts: { entry: string[]; platform?: 'node' | 'browser' }): Options {
  return {
    entry: opts.entry,
    format: ['esm', 'cjs'],
    platform: opts.platform ?? 'node',
    target: opts.platform === 'browser' ? 'es2020' : 'node20',
    // Workspace packages resolve to their built output, never to a sibling's source.
    dts: { compilerOptions: { paths: {}, composite: false } },
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
  };
}
