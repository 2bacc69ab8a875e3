import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');
/** The Node adapter, the package's `/node` entry: the one folder that may import node:* freely. */
const NODE_ENTRY = `node${path.sep}`;
/** And the backend the package's `node` export condition selects: node:crypto for signatures. */
const NODE_ONLY = new Set([path.join('webauthn', 'crypto', 'node.ts'), 'index.node.ts']);
const NODE_IMPORT =
  /from\s+['"]node:|require\(\s*['"]node:|from\s+['"](fs|path|crypto|buffer|util|os|http|stream|net)['"]/;

const sources = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
);

describe('the server package runs on any runtime with WebCrypto', () => {
  it('imports no node:* module outside its Node-only entries', () => {
    const files = sources.filter((f) => !f.startsWith(NODE_ENTRY) && !NODE_ONLY.has(f));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      expect(readFileSync(path.join(src, file), 'utf8'), file).not.toMatch(NODE_IMPORT);
    }
  });

  it('keeps the Node adapter out of the main entry: nothing outside src/node imports it', () => {
    const adapter = sources.filter((f) => f.startsWith(NODE_ENTRY));
    expect(adapter).toContain(path.join('node', 'index.ts'));
    for (const file of sources.filter((f) => !f.startsWith(NODE_ENTRY))) {
      const text = readFileSync(path.join(src, file), 'utf8');
      expect(text, file).not.toMatch(/from\s+['"](\.\.?\/)+(\.\.\/)*node(\/|['"])/);
    }
  });
});
