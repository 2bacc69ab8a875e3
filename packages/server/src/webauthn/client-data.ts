import { invalid } from '../errors/refusals';
import { isObject } from '../input/validate-input';

/**
 * The client data a browser collected and the authenticator's signature covers (WebAuthn L3
 * §5.8.1 CollectedClientData), parsed once and typed: every later check reads these fields.
 */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  /** Strictly a boolean or absent: anything else was refused while parsing. */
  crossOrigin?: boolean;
  /** The top-level origin of a cross-origin iframe (L3 §5.8.1). */
  topOrigin?: string;
  /** Only `'supported'` (or absent) gets this far: see {@link parseClientData}. */
  tokenBinding?: 'supported';
  /** The exact bytes the signature covers (through their SHA-256). */
  bytes: Uint8Array;
}

// fatal: invalid UTF-8 is refused, never replaced with U+FFFD; a leading BOM is stripped
// (ignoreBOM false), as L3 §7.1 step 5 and §7.2 step 8 ask of the UTF-8 decode.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(bytes: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(UTF8.decode(bytes));
  } catch (err) {
    invalid('response.clientDataJSON is not UTF-8 JSON', err);
  }
  if (!isObject(parsed)) invalid('response.clientDataJSON is not a JSON object');
  return parsed;
}

/**
 * Parses `clientDataJSON` (L3 §7.1 steps 5–6, §7.2 steps 8–9) into {@link ClientData}: `type`,
 * `challenge` and `origin` strings, `crossOrigin` a boolean when present, `topOrigin` a string when
 * present. A `tokenBinding` is only accepted as `{ status: 'supported' }`: `'present'` asks for a
 * check of the TLS connection this server cannot make (L2 §7.2 step 14), and other statuses are not
 * values of the spec's TokenBindingStatus. Anything malformed is INVALID_REQUEST.
 */
export function parseClientData(bytes: Uint8Array): ClientData {
  const json = decodeJson(bytes);
  const { type, challenge, origin, crossOrigin, topOrigin, tokenBinding } = json;
  if (typeof type !== 'string' || typeof challenge !== 'string' || typeof origin !== 'string') {
    invalid('response.clientDataJSON lacks type, challenge or origin');
  }
  if (crossOrigin !== undefined && typeof crossOrigin !== 'boolean') {
    invalid('clientDataJSON.crossOrigin must be a boolean');
  }
  if (topOrigin !== undefined && typeof topOrigin !== 'string')
    invalid('clientDataJSON.topOrigin must be a string');
  if (tokenBinding !== undefined && !(isObject(tokenBinding) && tokenBinding.status === 'supported')) {
    invalid('clientDataJSON.tokenBinding is not supported by this server');
  }
  return {
    type,
    challenge,
    origin,
    ...(crossOrigin === undefined ? {} : { crossOrigin }),
    ...(topOrigin === undefined ? {} : { topOrigin }),
    ...(tokenBinding === undefined ? {} : { tokenBinding: 'supported' as const }),
    bytes,
  };
}
