import { AuthenticatorError } from './errors';

/** The client data a browser hashes into every signature (L3 §5.8.1). */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin: boolean;
}

/** Serializes client data the way browsers do: the four members in this order, no spaces. */
export function encodeClientDataJSON(data: ClientData): Uint8Array {
  const { type, challenge, origin, crossOrigin } = data;
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin }));
}

function isSecureHttpOrigin(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost'));
}

/**
 * The RP ID a browser would use and its check (L3 §5.1.3 step 7-8, §5.1.4.1 step 8-9): the RP
 * ID defaults to the origin's host and must equal it or be a registrable suffix of it, from a
 * secure context. Origins that are not web URLs (`android:apk-key-hash:…`, `ios:bundle-id:…`)
 * are native apps: their platform checks the association, so any RP ID is taken.
 */
export function resolveRpId(origin: string, rpId: string | undefined): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new AuthenticatorError('SecurityError', `Origin "${origin}" is not a valid origin`);
  }
  const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
  if (!isWeb) {
    if (rpId === undefined) throw new AuthenticatorError('SecurityError', 'A native origin needs an RP ID');
    return rpId;
  }
  if (!isSecureHttpOrigin(url)) {
    throw new AuthenticatorError('SecurityError', `Origin "${origin}" is not a secure context`);
  }
  const host = url.hostname;
  const id = rpId ?? host;
  if (host !== id && !host.endsWith(`.${id}`)) {
    throw new AuthenticatorError('SecurityError', `RP ID "${id}" is not valid for origin "${origin}"`);
  }
  return id;
}
