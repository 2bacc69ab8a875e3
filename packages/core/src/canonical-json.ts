/**
 * RFC 8785 (JSON Canonicalization Scheme) for plain JSON values: object keys sorted by
 * UTF-16 code units, no whitespace, numbers as ECMAScript serialises them (which is
 * what RFC 8785 §3.2.2.3 specifies), strings as JSON.stringify escapes them.
 * @throws TypeError for anything that is not plain JSON (undefined, functions, NaN,
 * Infinity, bigint, symbols, class instances, cycles).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, new Set());
}

function serialize(value: unknown, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Non-finite numbers are not JSON');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new TypeError(`A ${typeof value} is not JSON`);
  if (seen.has(value)) throw new TypeError('A cyclic value is not JSON');
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((v) => serialize(v, seen)).join(',')}]`;
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError('Only plain objects are JSON');
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${serialize((value as Record<string, unknown>)[k], seen)}`);
    out = `{${entries.join(',')}}`;
  }
  seen.delete(value);
  return out;
}
