/** Client bundle size (min+gzip, with dependencies) vs @simplewebauthn/browser alone. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function benchBundle(): Promise<void> {
  const script = fileURLToPath(new URL('../packages/client/scripts/size.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  console.log(out.trim());
  const [client, library] = [...out.matchAll(/:\s+(\d+) B/g)].map((m) => Number(m[1]));
  if (client && library)
    console.log(`ratio client / @simplewebauthn/browser: ${(client / library).toFixed(2)}×`);
}
