import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, or `CHROME_PATH`. */
export const chromePath = () => process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(chromePath());

// As TOOLCHAIN lists: headless, no sandbox as root, and no background network traffic.
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

/** A fresh Chromium profile (its own user-data-dir) and a page with the DevTools protocol. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

export async function openBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'passkey-demo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath(),
    args: ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1200, height: 860 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  return {
    context,
    page,
    cdp,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Built in (internal), a USB security key, or a phone over QR (Chromium's `cable`: hybrid). */
export type AuthenticatorKind = 'platform' | 'security-key' | 'phone';

const TRANSPORTS: Record<AuthenticatorKind, 'internal' | 'usb' | 'cable'> = {
  platform: 'internal',
  'security-key': 'usb',
  phone: 'cable',
};

/**
 * A CTAP2 virtual authenticator: internal (platform), a USB security key or a phone, with UV.
 * `presence: false` leaves requests waiting for a touch that never comes; `synced: true`
 * makes backed-up (multi-device) credentials.
 */
export async function addAuthenticator(
  cdp: CDPSession,
  kind: AuthenticatorKind = 'platform',
  options: { presence?: boolean; synced?: boolean } = {},
): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: TRANSPORTS[kind],
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: options.presence ?? true,
      ...(options.synced ? { defaultBackupEligibility: true, defaultBackupState: true } : {}),
    },
  });
  return authenticatorId;
}

export async function credentialsOf(cdp: CDPSession, authenticatorId: string) {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  return credentials;
}

/** `false` makes the authenticator refuse user verification: Chromium rejects with NotAllowedError. */
export async function setUserVerified(cdp: CDPSession, authenticatorId: string, isUserVerified: boolean) {
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
}

export async function removeAuthenticator(cdp: CDPSession, authenticatorId: string) {
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
}
