// The ESM builds: every package through `import`, then the shared ceremony.
import * as client from '@acme/passkey-client';
import * as core from '@acme/passkey-core';
import * as server from '@acme/passkey-server';
import * as serverNode from '@acme/passkey-server/node';
import * as postgres from '@acme/passkey-store-postgres';
import * as redis from '@acme/passkey-store-redis';
import * as testing from '@acme/passkey-testing';
import * as transfer from '@acme/passkey-transfer';
import { PGlite } from '@electric-sql/pglite';
import ceremony from './ceremony.cjs';

// Each resolves to an ESM build (dist/…/*.js), never to a CommonJS one.
for (const name of ['core', 'server', 'server/node', 'store-postgres', 'testing', 'transfer']) {
  const file = import.meta.resolve(`@acme/passkey-${name}`);
  if (!/\/dist\/.*\.js$/.test(file)) throw new Error(`@acme/passkey-${name} resolved to ${file}`);
}
const result = await ceremony({
  core,
  server,
  serverNode,
  postgres,
  redis,
  client,
  testing,
  transfer,
  PGlite,
});
console.log(
  `ESM smoke test passed: registration, sign-in, step-up, node:http, export and import (${result.passkeys} passkey)`,
);
