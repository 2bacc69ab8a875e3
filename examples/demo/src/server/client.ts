import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

/** Where a request came from: its address, and the key its throttles count it by. */
export interface ClientAddress {
  /** The connection's peer address, e.g. `203.0.113.5` or `2001:db8::1`. */
  ip: string;
  /** The address for counting: IPv4 as is, IPv6 by its /64 (one host holds a whole /64). */
  key: string;
}

/** The counting key of an address; the address itself when it does not parse. */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip); // IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}

/**
 * The connection's address (`@hono/node-server`); null where there is no socket (requests made
 * in-process by the tests, which pass one in the environment when they need it). The demo talks
 * to browsers directly: behind a proxy, read the address the proxy reports instead.
 */
export function clientAddress(c: Context): ClientAddress | null {
  let ip: string | undefined;
  try {
    ip = getConnInfo(c).remote.address;
  } catch {
    return null;
  }
  return ip ? { ip, key: addressKey(ip) } : null;
}

// The SDK's hooks get the Request only: the address is found again by the Request object.
const byRequest = new WeakMap<Request, ClientAddress>();

/** Remembers the address of a request before it goes to the passkey handler. */
export function rememberAddress(c: Context): void {
  const address = clientAddress(c);
  if (address) byRequest.set(c.req.raw, address);
}

/** The address of a request that went through {@link rememberAddress}. */
export const addressOf = (request: Request): ClientAddress | null => byRequest.get(request) ?? null;
