import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, or `CHROME_PATH`. */
export const chromePath = () => process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(chromePath());

// Headless, no sandbox (root), and no background network traffic.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromePath(), args: ARGS, headless: true });

/** A fresh context (its own cookies) with one page, the DevTools protocol and WebAuthn enabled. */
export interface Tab {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

export async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  return { context, page, cdp };
}

/**
 * A CTAP2 virtual authenticator with resident keys and UV: built in (`internal`) or a USB
 * security key, with the PRF extension (`hmac-secret`) unless `prf: false`.
 */
export async function addAuthenticator(
  cdp: CDPSession,
  options: { transport?: 'internal' | 'usb'; prf?: boolean } = {},
): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: options.transport ?? 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf: options.prf ?? true,
    },
  });
  return authenticatorId;
}

/** The credentials a virtual authenticator holds, IDs as base64url. */
export async function credentialsOf(cdp: CDPSession, authenticatorId: string) {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  return credentials.map((c) => ({ ...c, id: Buffer.from(c.credentialId, 'base64').toString('base64url') }));
}
