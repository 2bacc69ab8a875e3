import type { Passkey } from '../types';
import type { CreateResult, PasskeyStore, PasskeyUse } from './types';

function copy(p: Passkey): Passkey {
  return {
    ...p,
    publicKey: new Uint8Array(p.publicKey),
    transports: [...p.transports],
    createdAt: new Date(p.createdAt),
    lastUsedAt: p.lastUsedAt === null ? null : new Date(p.lastUsedAt),
  };
}

/**
 * A {@link PasskeyStore} in process memory: for tests, demos and single-process apps.
 * Each check-and-write runs within one synchronous step, so it is atomic in this process
 * (and only in it: several server processes need a shared store). Values are copied in and
 * out, so callers can never change stored state by mutating what they hold.
 */
export function createMemoryPasskeyStore(): PasskeyStore {
  const byId = new Map<string, Passkey>();

  const owned = (userId: string, id: string) => {
    const p = byId.get(id);
    return p !== undefined && p.userId === userId ? p : null;
  };

  return {
    async get(id) {
      const p = byId.get(id);
      return p === undefined ? null : copy(p);
    },
    async listByUser(userId) {
      return [...byId.values()]
        .filter((p) => p.userId === userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .map(copy);
    },
    async create(passkey, { maxPerUser }): Promise<CreateResult> {
      if (byId.has(passkey.id)) return 'duplicate';
      let count = 0;
      for (const p of byId.values()) if (p.userId === passkey.userId) count++;
      if (count >= maxPerUser) return 'limit';
      byId.set(passkey.id, copy(passkey));
      return 'created';
    },
    async recordUse(id, use: PasskeyUse) {
      const p = byId.get(id);
      if (p === undefined || p.counter !== use.expectedCounter) return false;
      byId.set(id, { ...p, counter: use.counter, backedUp: use.backedUp, lastUsedAt: new Date(use.usedAt) });
      return true;
    },
    async rename(userId, id, name) {
      const p = owned(userId, id);
      if (p === null) return null;
      const renamed = { ...p, name };
      byId.set(id, renamed);
      return copy(renamed);
    },
    async remove(userId, id) {
      return owned(userId, id) !== null && byId.delete(id);
    },
    async scan({ after, limit }) {
      return [...byId.keys()]
        .filter((id) => after === null || id > after)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, limit)
        .map((id) => copy(byId.get(id) as Passkey));
    },
  };
}
