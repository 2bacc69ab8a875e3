import { describe, expect, it } from 'vitest';
import { createKeyCache } from './key-cache';

const key = (...b: number[]) => Uint8Array.from(b);

describe('createKeyCache', () => {
  it('prepares a key once per credential, and again when the stored key bytes change', async () => {
    const cache = createKeyCache<string>(10);
    let prepared = 0;
    const prepare = (label: string) => async () => `${label}#${++prepared}`;
    expect(await cache.get('a', key(1), prepare('k1'))).toBe('k1#1');
    expect(await cache.get('a', key(1), prepare('k1'))).toBe('k1#1');
    expect(await cache.get('a', key(2), prepare('k2'))).toBe('k2#2');
    expect(await cache.get('a', key(1, 0), prepare('k1'))).toBe('k1#3');
    expect(cache.size).toBe(1);
  });

  it('copies the key bytes it compares with, so a caller mutating them cannot poison an entry', async () => {
    const cache = createKeyCache<string>(10);
    const bytes = key(1, 2);
    await cache.get('a', bytes, async () => 'first');
    bytes[0] = 9;
    expect(await cache.get('a', bytes, async () => 'second')).toBe('second');
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = createKeyCache<string>(2);
    await cache.get('a', key(1), async () => 'a');
    await cache.get('b', key(1), async () => 'b');
    await cache.get('a', key(1), async () => 'a again'); // a is now the most recent
    await cache.get('c', key(1), async () => 'c'); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.get('a', key(1), async () => 'a prepared anew')).toBe('a');
    expect(await cache.get('b', key(1), async () => 'b prepared anew')).toBe('b prepared anew');
  });

  it('shares one preparation between concurrent uses, and forgets a failed one', async () => {
    const cache = createKeyCache<string>(10);
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return 'k';
    };
    expect(await Promise.all([cache.get('a', key(1), slow), cache.get('a', key(1), slow)])).toEqual([
      'k',
      'k',
    ]);
    expect(calls).toBe(1);
    await expect(cache.get('b', key(1), async () => Promise.reject(new Error('bad key')))).rejects.toThrow(
      'bad key',
    );
    await Promise.resolve();
    expect(await cache.get('b', key(1), async () => 'retried')).toBe('retried');
  });
});
