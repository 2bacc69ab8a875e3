import { expect, it } from 'vitest';
import { callClient, recordWebAuthnCalls } from './support/page';
import { describeInBrowser, useBrowser } from './support/suite';

describeInBrowser('sign-in on another device (QR) in Chromium', () => {
  const browser = useBrowser();

  it("signIn({ authenticator: 'other-device' }) asks the browser for the hybrid transport, and can be abandoned", async () => {
    const { page, app } = browser();
    const calls = await recordWebAuthnCalls(page);
    // Headless Chromium has no phone to reach: it reports no hybrid transport, and the request
    // waits (no virtual authenticator here) until the page gives up on it.
    expect(await callClient(page, 'capabilities')).toMatchObject({ webauthn: true, hybrid: false });
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & {
        passkeyClient: { createPasskeyClient(): { signIn(o: object): Promise<unknown> } };
      };
      const controller = new AbortController();
      w.qrAbort = controller;
      w.qrResult = w.passkeyClient
        .createPasskeyClient()
        .signIn({ authenticator: 'other-device', signal: controller.signal });
    });
    await expect.poll(calls).toEqual([{ kind: 'get', mediation: null, hints: ['hybrid'], extensions: [] }]);
    expect(app.seen).toEqual([
      { path: '/passkeys/login/options', body: { mediation: 'modal', authenticator: 'other-device' } },
    ]);
    const outcome = await page.evaluate(() => {
      const w = window as unknown as { qrAbort: AbortController; qrResult: Promise<unknown> };
      w.qrAbort.abort();
      return w.qrResult;
    });
    expect(outcome).toEqual({ status: 'aborted' });
    expect(app.seen).toHaveLength(1);
  });
});
