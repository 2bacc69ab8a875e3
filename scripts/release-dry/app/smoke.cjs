// The CommonJS builds: every package through `require`, then the shared ceremony.
const ceremony = require('./ceremony.cjs');

const load = (name) => {
  const file = require.resolve(`@acme/passkey-${name}`);
  if (!/\/dist\/.*\.cjs$/.test(file)) throw new Error(`@acme/passkey-${name} resolved to ${file}`);
  return require(file);
};

ceremony({
  core: load('core'),
  server: load('server'),
  serverNode: load('server/node'),
  postgres: load('store-postgres'),
  redis: load('store-redis'),
  client: load('client'),
  testing: load('testing'),
  transfer: load('transfer'),
  PGlite: require('@electric-sql/pglite').PGlite,
}).then(
  (result) =>
    console.log(
      `CommonJS smoke test passed: registration, sign-in, step-up, node:http, export and import (${result.passkeys} passkey)`,
    ),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
