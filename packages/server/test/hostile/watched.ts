/**
 * The real memory stores behind a thin layer that notes every write that changed something
 * (a created passkey, a counter moved, a name, a removal, a record put or taken), so a test can
 * say exactly what one request changed. Reads and refused writes pass through unnoted.
 */
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
} from '@acme/passkey-core';

/** One change: `create <id>`, `recordUse <id>`, `rename <id>`, `remove <id>`, `put <kind>`, `take <id>`. */
export type Write = string;

export function watchedStores() {
  const store = createMemoryPasskeyStore();
  const challenges = createMemoryChallengeStore();
  const writes: Write[] = [];
  const note = <T>(value: T, changed: boolean, write: string): T => {
    if (changed) writes.push(write);
    return value;
  };

  const passkeys: PasskeyStore = {
    get: (id) => store.get(id),
    listByUser: (userId) => store.listByUser(userId),
    scan: (options) => store.scan!(options),
    create: async (passkey, options) => {
      const result = await store.create(passkey, options);
      return note(result, result === 'created', `create ${passkey.id}`);
    },
    recordUse: async (id, use) => {
      const written = await store.recordUse(id, use);
      return note(written, written, `recordUse ${id}`);
    },
    rename: async (userId, id, name) => {
      const result = await store.rename(userId, id, name);
      return note(result, result !== null, `rename ${id}`);
    },
    remove: async (userId, id) => {
      const result = await store.remove(userId, id);
      return note(result, result, `remove ${id}`);
    },
  };
  const records: ChallengeStore = {
    put: async (id, record, options) => {
      await challenges.put(id, record, options);
      writes.push(`put ${typeof record.kind === 'string' ? record.kind : 'receipt'}`);
    },
    take: async (id) => {
      const record = await challenges.take(id);
      return note(record, record !== null, `take ${id}`);
    },
  };
  return { store: passkeys, challenges: records, writes };
}
