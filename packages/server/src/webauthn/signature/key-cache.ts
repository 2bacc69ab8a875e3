import { bytesEqual } from '../../encoding';

interface Entry<T> {
  publicKey: Uint8Array;
  value: Promise<T>;
}

/**
 * A bounded cache of what is prepared from each credential's public key (its imported key), least
 * recently used first out. Entries are keyed by credential ID *and* the stored key bytes: a lookup
 * whose bytes differ from the entry's (a passkey re-registered, a row restored from a backup)
 * prepares the new key and replaces the entry, so a changed key never meets a stale one.
 */
export function createKeyCache<T>(maxEntries: number) {
  const entries = new Map<string, Entry<T>>();
  return {
    /** The prepared value for this credential and key, from the cache or from `prepare()`. */
    get(credentialId: string, publicKey: Uint8Array, prepare: () => Promise<T>): Promise<T> {
      const hit = entries.get(credentialId);
      entries.delete(credentialId);
      if (hit !== undefined && bytesEqual(hit.publicKey, publicKey)) {
        entries.set(credentialId, hit); // most recently used: now last
        return hit.value;
      }
      const entry: Entry<T> = { publicKey: publicKey.slice(), value: prepare() };
      entries.set(credentialId, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      // A failed preparation is not remembered: the next use tries again.
      entry.value.catch(() => {
        if (entries.get(credentialId) === entry) entries.delete(credentialId);
      });
      return entry.value;
    },
    get size(): number {
      return entries.size;
    },
  };
}
