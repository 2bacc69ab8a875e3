import { providerName } from '../aaguid/index';
import type { AuthenticatorAttachment } from '../types';
import { validatePasskeyName } from './names';
import { DEFAULT_POLICY } from './policy';

/** Inputs of {@link defaultPasskeyName}: what is known of a new passkey when it is registered. */
export interface DefaultPasskeyNameInput {
  aaguid: string | null;
  /** The attachment the browser reported (WebAuthn §5.4.5). */
  attachment: AuthenticatorAttachment | null;
  /** The names the user's passkeys already have. */
  existingNames: readonly string[];
  /** Where the user chose to create it, at the start of the ceremony. */
  authenticator?: 'this-device' | 'other-device' | 'security-key' | 'any';
  /** The transports the browser reported (`hybrid`: a phone or tablet over QR). */
  transports?: readonly string[];
  /** The browser and system it was created from, e.g. "Chrome on Windows" (from the User-Agent). */
  device?: string | null;
  /** The longest name to give; default the policy's `nameMaxLength` (64). */
  maxLength?: number;
}

/** What kind of authenticator holds the passkey, the transports trusted over the user's choice. */
type Kind = 'platform' | 'phone' | 'security-key' | 'unknown';

const EXTERNAL = ['usb', 'nfc', 'ble', 'smart-card'];

/** What a passkey of each kind is called when its provider is unknown (this device: its browser). */
const KIND_NAMES: Record<Exclude<Kind, 'platform'>, string> = {
  phone: 'Phone or tablet (QR)',
  'security-key': 'Security key',
  unknown: 'Passkey',
};

function kindOf({ attachment, authenticator, transports = [] }: DefaultPasskeyNameInput): Kind {
  const hybrid = transports.includes('hybrid');
  const external = transports.some((t) => EXTERNAL.includes(t));
  // An Android phone's own passkeys report `hybrid` too, but are attached as platform.
  if (attachment === 'platform') return 'platform';
  if (attachment === 'cross-platform') {
    if (hybrid) return 'phone';
    if (external) return 'security-key';
    return authenticator === 'other-device' ? 'phone' : 'security-key';
  }
  if (external) return 'security-key';
  if (hybrid && (authenticator === 'other-device' || !transports.includes('internal'))) return 'phone';
  if (transports.includes('internal')) return 'platform';
  const byChoice: Record<string, Kind> = {
    'this-device': 'platform',
    'other-device': 'phone',
    'security-key': 'security-key',
  };
  return byChoice[authenticator ?? 'any'] ?? 'unknown';
}

/** The device's words when they would make a valid name on their own (no controls, not empty). */
function usable(device: string | null | undefined): string | null {
  try {
    return validatePasskeyName(device, { nameMaxLength: 256 });
  } catch {
    return null;
  }
}

/** "Name (detail)", or "Name (Managed, detail)" when the name has a parenthesis already. */
function qualified(base: string, detail: string): string {
  return base.endsWith(')') ? `${base.slice(0, -1)}, ${detail})` : `${base} (${detail})`;
}

/** Cuts a name to `max` code points, with an ellipsis, keeping `suffix` whole. */
function shorten(name: string, max: number, suffix = ''): string {
  const room = Math.max(1, max - [...suffix].length);
  const points = [...name];
  const head = points.length <= room ? name : `${points.slice(0, room - 1).join('')}…`;
  return [...`${head}${suffix}`].slice(0, max).join('').trim();
}

/**
 * A name for a new passkey from what is known of it (docs/design.md, "Default names"): its
 * provider from the AAGUID catalogue ("Google Password Manager", "YubiKey 5 Series"), else what
 * it is — "Phone or tablet (QR)", "Security key", or the browser and system of this device
 * ("Chrome on Windows", else "This device"). A name the user has already is told apart by what
 * differs ("iCloud Keychain (Safari on iPhone)"), and numbered only when nothing does
 * ("Chrome on Windows (2)"). Names compare case-insensitively; none is longer than `maxLength`.
 */
export function defaultPasskeyName(input: DefaultPasskeyNameInput): string {
  const max = input.maxLength ?? DEFAULT_POLICY.nameMaxLength;
  const kind = kindOf(input);
  const device = usable(input.device);
  const provider = providerName(input.aaguid);
  const base = provider ?? (kind === 'platform' ? (device ?? 'This device') : KIND_NAMES[kind]);
  const candidates = [base];
  // Only this device's browser and system tell passkeys apart: a key or a phone is not that device.
  if (device !== null && device !== base && (kind === 'platform' || kind === 'unknown')) {
    candidates.push(qualified(base, device));
  }
  const taken = new Set(input.existingNames.map((n) => n.normalize('NFC').toLowerCase()));
  const free = (name: string) => !taken.has(name.toLowerCase());
  const found = candidates.map((c) => shorten(c, max)).find(free);
  if (found !== undefined) return found;
  for (let i = 2; ; i++) {
    const candidate = base.endsWith(')')
      ? shorten(base.slice(0, -1), max, `, ${i})`)
      : shorten(base, max, ` (${i})`);
    // Past as many numbers as there are names, only a tiny maxLength can still collide.
    if (free(candidate) || i > taken.size + 1) return candidate;
  }
}
