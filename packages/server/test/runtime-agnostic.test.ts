import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');
/** The one place node:crypto may be used: the backend the package's `node` export condition selects. */
const NODE_ONLY = new Set([path.join('webauthn', 'crypto', 'node.ts'), 'index.node.ts']);

describe('the server package runs on any runtime with WebCrypto', () => {
  it('imports no node:* module outside its Node-only entry', () => {
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NODE_ONLY.has(f),
    );
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = readFileSync(path.join(src, file), 'utf8');
      expect(text, file).not.toMatch(
        /from\s+['"]node:|require\(\s*['"]node:|from\s+['"](fs|path|crypto|buffer|util|os)['"]/,
      );
    }
  });
});
