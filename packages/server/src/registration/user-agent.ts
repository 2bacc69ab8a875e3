import Bowser from 'bowser';

// Only these words ever come out: a User-Agent is whatever the client sends, and what it says
// verbatim must never end up in a passkey's name or an app's notice ("added from …").
const BROWSERS: Readonly<Record<string, string>> = {
  Chrome: 'Chrome',
  Chromium: 'Chromium',
  Safari: 'Safari',
  Firefox: 'Firefox',
  'Microsoft Edge': 'Edge',
  Opera: 'Opera',
  Vivaldi: 'Vivaldi',
  Brave: 'Brave',
  'Samsung Internet for Android': 'Samsung Internet',
  'Yandex Browser': 'Yandex Browser',
  'DuckDuckGo Browser': 'DuckDuckGo',
};

const SYSTEMS: Readonly<Record<string, string>> = {
  Windows: 'Windows',
  macOS: 'Mac',
  Android: 'Android',
  Linux: 'Linux',
  'Chrome OS': 'ChromeOS',
};

/** iOS names the device itself: "Safari on iPhone", "Chrome on iPad". */
const APPLE_DEVICES = new Set(['iPhone', 'iPad', 'iPod']);

/** What to call the system alone, when the browser is unknown (an app's own HTTP client). */
const DEVICES: Readonly<Record<string, string>> = {
  Windows: 'Windows PC',
  Mac: 'Mac',
  Linux: 'Linux computer',
  ChromeOS: 'Chromebook',
  Android: 'Android device',
};

/**
 * The browser and system of a User-Agent in a few words — "Chrome on Windows", "Safari on iPhone",
 * "Edge on Android"; "Android device" when the browser is unknown (an app's HTTP client); null
 * when the system is (a server, a bot, nothing sent). Parsed by bowser and told only in fixed words, so a crafted
 * User-Agent cannot put its own text in front of the user. For default passkey names and for an
 * app's notices ("a passkey was added from Chrome on Windows — not you?").
 */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
  if (typeof userAgent !== 'string' || userAgent.trim() === '') return null;
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(userAgent.slice(0, 512));
  } catch {
    return null;
  }
  const browser = BROWSERS[parsed.browser.name ?? ''] ?? null;
  const model = parsed.platform.model ?? '';
  const system =
    parsed.os.name === 'iOS'
      ? APPLE_DEVICES.has(model)
        ? model
        : null
      : (SYSTEMS[parsed.os.name ?? ''] ?? null);
  if (system === null) return null;
  if (browser === null) return DEVICES[system] ?? system;
  return `${browser} on ${system}`;
}
