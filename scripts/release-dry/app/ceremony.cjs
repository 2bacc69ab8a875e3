// The smoke scenario, shared by smoke.mjs (the ESM builds) and smoke.cjs (the CommonJS builds):
// each passes the packages as it loaded them. PostgreSQL stores on PGlite (migrations from the
// packed package), a server, and the packed software authenticator: registration, sign-in,
// step-up, the receipt checked once and refused the second time; then the HTTP handler on
// node:http through @acme/passkey-server/node; the passkey exported from PostgreSQL and imported
// into a memory store (@acme/passkey-transfer).
const assert = require('node:assert/strict');
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const { once } = require('node:events');
const http = require('node:http');

const ORIGIN = 'https://example.com';

module.exports = async function ceremony({
  core,
  server,
  serverNode,
  postgres,
  redis,
  client,
  testing,
  transfer,
  PGlite,
}) {
  for (const fn of [
    client.createPasskeyClient,
    redis.createRedisChallengeStore,
    core.createMemoryPasskeyStore,
  ]) {
    assert.equal(typeof fn, 'function');
  }
  const db = await PGlite.create();
  try {
    const { store, challenges, migrate } = postgres.createPostgresStores({ client: postgres.fromPGlite(db) });
    await migrate();
    const passkeys = server.createPasskeyServer({
      rp: { id: 'example.com', name: 'Example' },
      origins: [ORIGIN],
      store,
      challenges,
      receipts: {
        privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
      },
      secret: randomBytes(32).toString('base64url'),
    });
    const user = { id: 'user-ada', name: 'ada@example.com', displayName: 'Ada' };
    const authenticator = testing.createSoftwareAuthenticator();

    const reg = await passkeys.startRegistration({ user, lastVerifiedAt: new Date() });
    const created = await authenticator.create(reg.options, { origin: ORIGIN });
    const { passkey } = await passkeys.finishRegistration({
      ceremonyId: reg.ceremonyId,
      userId: user.id,
      response: created,
    });

    const login = await passkeys.startAuthentication({});
    const assertion = await authenticator.get(login.options, { origin: ORIGIN });
    const signedIn = await passkeys.finishAuthentication({
      ceremonyId: login.ceremonyId,
      response: assertion,
    });
    assert.equal(signedIn.userId, user.id);
    assert.equal(signedIn.passkey.id, passkey.id);

    const action = 'p2p.release';
    const details = { orderId: 'order-1', amount: '0.50', asset: 'ETH' };
    const step = await passkeys.startStepUp({ userId: user.id, action, details });
    const signed = await authenticator.get(step.options, { origin: ORIGIN });
    const { receipt } = await passkeys.finishStepUp({
      ceremonyId: step.ceremonyId,
      userId: user.id,
      response: signed,
    });
    assert.equal(
      (await passkeys.verifyReceipt(receipt, { userId: user.id, action, details })).passkeyId,
      passkey.id,
    );
    // One copy of core behind every package: the server's error is the app's PasskeyError.
    await assert.rejects(passkeys.verifyReceipt(receipt, { userId: user.id, action, details }), (err) => {
      assert.ok(err instanceof core.PasskeyError);
      assert.equal(err.code, 'RECEIPT_REPLAYED');
      return true;
    });

    const handle = server.createPasskeyHandler(passkeys, { basePath: '/passkeys', getSession: () => null });
    const listener = http.createServer(serverNode.toNodeHandler(handle, { origin: ORIGIN }));
    await once(listener.listen(0, '127.0.0.1'), 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${listener.address().port}/passkeys/login/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: '{}',
      });
      assert.equal(res.status, 200);
      assert.equal(typeof (await res.json()).ceremonyId, 'string');
    } finally {
      listener.close();
    }

    const lines = [];
    for await (const line of transfer.exportPasskeys(store)) lines.push(line);
    const report = await transfer.importPasskeys(core.createMemoryPasskeyStore(), lines);
    assert.equal(report.created, 1);
    return { passkeys: (await passkeys.list(user.id)).passkeys.length };
  } finally {
    await db.close();
  }
};
