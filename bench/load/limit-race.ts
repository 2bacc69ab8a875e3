/**
 * The passkey limit under concurrency: with two passkeys on the account, ten registrations
 * start at once and finish at once, each from a new security key. The limit (10) leaves room
 * for exactly eight: the others must be refused with `PASSKEY_LIMIT_REACHED`.
 */
import { type CreationOptionsJSON, createSoftwareAuthenticator } from '@acme/passkey-testing';
import { call, type FlowContext, FlowError } from './flow-context';

const LIMIT = 10;
const RACERS = 10;
const BASE = '/api/passkeys';

export async function raceToLimit(ctx: FlowContext, userId: string): Promise<void> {
  const have = [...ctx.ledger.credentials.values()].filter((c) => c.userId === userId && !c.removed).length;
  const keys = Array.from({ length: RACERS }, () =>
    createSoftwareAuthenticator({ attachment: 'cross-platform' }),
  );
  const started = await Promise.all(
    keys.map(() =>
      call(ctx, `POST ${BASE}/register/options`, `${BASE}/register/options`, {
        authenticator: 'security-key',
      }),
    ),
  );
  const bodies = await Promise.all(
    started.map(async (answer, i) => {
      const { ceremonyId, options } = answer.body as { ceremonyId: string; options: CreationOptionsJSON };
      return {
        ceremonyId,
        response: await (keys[i] as (typeof keys)[number]).create(options, { origin: ctx.origin }),
      };
    }),
  );
  const finished = await Promise.all(
    bodies.map((body) =>
      call(ctx, `POST ${BASE}/register/verify`, `${BASE}/register/verify`, body, {
        refusals: [{ status: 409, code: 'PASSKEY_LIMIT_REACHED' }],
      }),
    ),
  );
  let created = 0;
  finished.forEach((answer, i) => {
    if (answer.status !== 201) return;
    created += 1;
    const { id, name } = (answer.body as { passkey: { id: string; name: string } }).passkey;
    const made = (keys[i] as (typeof keys)[number]).credentials[0];
    if (!made) throw new Error('the racing key holds no credential');
    ctx.ledger.credentials.set(id, {
      userId,
      publicKey: made.publicKey,
      counter: made.counter,
      name,
      removed: false,
    });
  });
  if (created !== LIMIT - have) {
    throw new FlowError(`limit race: ${created} of ${RACERS} created with ${have} already there`, null);
  }
}
