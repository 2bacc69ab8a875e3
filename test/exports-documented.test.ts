/**
 * Every function and class a package exports carries a JSDoc, and the ones whose use is not
 * obvious an `@example`: what the API reference (`pnpm docs`) and editors show users. Read from
 * source with the TypeScript compiler, so no build is needed: each entry point of a package's
 * `exports` (`dist/x.d.ts`) is its `src/x.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

/** Exports whose use is not obvious from their signature: each shows one in an `@example`. */
const NEED_EXAMPLE: Record<string, string[]> = {
  '@acme/passkey-core': ['isPasskeyError', 'requireAccountVerification', 'resolvePolicy'],
  '@acme/passkey-core/testing': ['describeStoreConformance'],
  '@acme/passkey-server': [
    'createPasskeyServer',
    'createPasskeyHandler',
    'passkeyErrorResponse',
    'loadMetadataBlob',
    'createWellKnownHandler',
    'createMemoryRateLimit',
    'androidOrigin',
  ],
  '@acme/passkey-server/node': ['toNodeHandler', 'nodeRequest'],
  '@acme/passkey-client': ['createPasskeyClient', 'isPasskeyError'],
  '@acme/passkey-store-postgres': ['createPostgresStores', 'fromPg', 'fromPGlite'],
  '@acme/passkey-store-mysql': ['createMysqlStores'],
  '@acme/passkey-store-redis': ['createRedisChallengeStore'],
  '@acme/passkey-testing': ['createSoftwareAuthenticator', 'createAttestationCa', 'AuthenticatorError'],
  '@acme/passkey-transfer': ['exportPasskeys', 'importPasskeys', 'fromSimpleWebAuthn', 'fromBetterAuth'],
};

interface Entry {
  /** The import specifier, e.g. `@acme/passkey-core/testing`. */
  name: string;
  file: string;
}

/** Each published package's entry points, as source files. */
function entries(): Entry[] {
  const found: Entry[] = [];
  for (const dir of readdirSync(path.join(root, 'packages'))) {
    const manifestPath = path.join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    for (const [subpath, target] of Object.entries<unknown>(manifest.exports ?? {})) {
      const types = new Set<string>();
      const walk = (node: unknown, key: string) => {
        if (typeof node === 'string' && key === 'types' && node.endsWith('.d.ts')) types.add(node);
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
      };
      walk(target, '');
      for (const dts of types) {
        const file = path.join(
          root,
          'packages',
          dir,
          dts.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'),
        );
        found.push({ name: path.posix.join(manifest.name, subpath), file });
      }
    }
  }
  return found;
}

const all = entries();
const base = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
const { options } = ts.parseJsonConfigFileContent(base, ts.sys, root);
const program = ts.createProgram(
  all.map((e) => e.file),
  { ...options, noEmit: true, types: ['node'] },
);
const checker = program.getTypeChecker();

type Kind = 'function' | 'class';

/** What an export is, when it is a function or a class (a `const` holding a function counts). */
function kindOf(symbol: ts.Symbol): { kind: Kind; declaration: ts.Declaration } | null {
  for (const declaration of symbol.declarations ?? []) {
    if (ts.isFunctionDeclaration(declaration)) return { kind: 'function', declaration };
    if (ts.isClassDeclaration(declaration)) return { kind: 'class', declaration };
    if (
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
    ) {
      return { kind: 'function', declaration };
    }
  }
  return null;
}

/** The exported functions and classes of an entry, with their JSDoc text and tags. */
function documented(entry: Entry) {
  const source = program.getSourceFile(entry.file);
  if (!source) throw new Error(`${entry.file} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry.file} has no exports`);
  return checker.getExportsOfModule(moduleSymbol).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const found = kindOf(symbol);
    if (!found) return [];
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const tags = symbol.getJsDocTags(checker).map((t) => t.name);
    return [{ name: exported.name, kind: found.kind, text, tags }];
  });
}

describe('exported functions and classes are documented', () => {
  it('finds every published entry point in source', () => {
    expect(all.length).toBeGreaterThanOrEqual(Object.keys(NEED_EXAMPLE).length);
    for (const entry of all) expect(existsSync(entry.file), entry.file).toBe(true);
    for (const name of Object.keys(NEED_EXAMPLE)) expect(all.map((e) => e.name)).toContain(name);
  });

  for (const entry of all) {
    it(`${entry.name} (${path.relative(root, entry.file)}): each function and class has a JSDoc`, () => {
      const exports = documented(entry);
      expect(exports.length, `${entry.name} exports no function or class`).toBeGreaterThan(0);
      const missing = exports.filter((e) => e.text.length === 0).map((e) => `${e.kind} ${e.name}`);
      expect(missing, `${path.relative(root, entry.file)}: add a JSDoc to each`).toEqual([]);
    });
  }

  // Every entry of a name: the server's `node` export condition is what Node users' editors show.
  for (const entry of all.filter((e) => e.name in NEED_EXAMPLE)) {
    const required = NEED_EXAMPLE[entry.name] as string[];
    it(`${entry.name} (${path.relative(root, entry.file)}): ${required.join(', ')} have an @example`, () => {
      const exports = documented(entry);
      const withExample = exports.filter((e) => e.tags.includes('example')).map((e) => e.name);
      expect(required.filter((r) => !withExample.includes(r))).toEqual([]);
    });
  }
});
