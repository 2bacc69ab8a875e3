/**
 * The server as a Node app gets it: the package's build, through its `node` export condition
 * (node:crypto on the sign-in hot path). Built here first, so the figures are of the code in
 * the tree; tsx would otherwise map the package name to its WebCrypto source entry.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type ServerModule = typeof import('@acme/passkey-server');
type NodeAdapterModule = typeof import('../packages/server/src/node/index');

let loaded: Promise<ServerModule> | undefined;

/** The package's `./node` subpath (the node:http adapter), from the same build. */
export async function nodeAdapter(): Promise<NodeAdapterModule> {
  await nodeEntry();
  return (await import(
    new URL('../packages/server/dist/node/index.js', import.meta.url).href
  )) as NodeAdapterModule;
}

export function nodeEntry(): Promise<ServerModule> {
  loaded ??= (async () => {
    const server = fileURLToPath(new URL('../packages/server', import.meta.url));
    execFileSync('pnpm', ['--silent', 'build'], { cwd: server, stdio: 'ignore' });
    const entry = new URL('../packages/server/dist/index.node.js', import.meta.url);
    return (await import(entry.href)) as ServerModule;
  })();
  return loaded;
}

/** The package's default entry (WebCrypto, for every runtime), from the same build. */
export async function webEntry(): Promise<ServerModule> {
  await nodeEntry();
  return (await import(new URL('../packages/server/dist/index.js', import.meta.url).href)) as ServerModule;
}
