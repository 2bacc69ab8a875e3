// The ESM builds: every package through `import`, then the shared ceremony.
import * as client from '@acme/passkey-client';
import * as core from '@acme/passkey-core';
import * as server from '@acme/passkey-server';
import * as postgres from '@acme/passkey-store-postgres';
import * as redis from '@acme/passkey-store-redis';
import * as testing from '@acme/passkey-testing';
import { PGlite } from '@electric-sql/pglite';
import ceremony from './ceremony.cjs';

for (const name of ['core', 'server', 'store-postgres', 'testing']) {
  const file = import.meta.resolve(`@acme/passkey-${name}`);
  if (!file.endsWith('/dist/index.js')) throw new Error(`@acme/passkey-${name} resolved to ${file}`);
}
const result = await ceremony({ core, server, postgres, redis, client, testing, PGlite });
console.log(`ESM smoke test passed: registration, sign-in, step-up (${result.passkeys} passkey stored)`);
