import type { Page, Route } from 'playwright-core';

/** What the page passed to `navigator.credentials.get/create`, and how each call ended. */
export interface WebAuthnCall {
  kind: 'get' | 'create';
  mediation: string | null;
  /** WebAuthn L3 hints, e.g. `['hybrid']` for a phone or tablet over QR. */
  hints: string[];
  aborted: boolean;
  settled: string | null;
}

/**
 * Records every WebAuthn call the page makes (its `mediation`, whether its signal was aborted,
 * how it settled), around the browser's own functions.
 */
export async function recordWebAuthnCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { __webauthnCalls: unknown[] }).__webauthnCalls = calls;
    const container = navigator.credentials;
    for (const kind of ['get', 'create'] as const) {
      const original = container[kind].bind(container);
      container[kind] = (options?: CredentialRequestOptions & CredentialCreationOptions) => {
        const call = {
          kind,
          mediation: options?.mediation ?? null,
          hints: [...((options?.publicKey as { hints?: string[] } | undefined)?.hints ?? [])],
          aborted: false,
          settled: null as string | null,
        };
        calls.push(call);
        options?.signal?.addEventListener('abort', () => {
          call.aborted = true;
        });
        const result = original(options);
        result.then(
          () => {
            call.settled = 'resolved';
          },
          (err: Error) => {
            call.settled = err.name;
          },
        );
        return result;
      };
    }
  });
}

export const webAuthnCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __webauthnCalls: WebAuthnCall[] }).__webauthnCalls);

/**
 * A gate on autofill sign-in: a virtual authenticator answers a conditional `get()` at once
 * (TOOLCHAIN), so a page showing the sign-in form would sign straight back in. While held,
 * `login/options` requests made with `mediation: 'conditional'` get no answer (the page
 * aborts them when the user does something else); `allow()` lets them through.
 */
export async function gateAutofill(page: Page) {
  let open = false;
  const bodies: Record<string, unknown>[] = [];
  const held: Route[] = [];
  await page.route('**/api/passkeys/login/options', async (route) => {
    const body = (route.request().postDataJSON() ?? {}) as Record<string, unknown>;
    bodies.push(body);
    if (body.mediation === 'conditional' && !open) {
      held.push(route);
      return;
    }
    await route.continue();
  });
  return {
    /** Bodies of every `login/options` request so far. */
    bodies,
    allow() {
      open = true;
    },
    hold() {
      open = false;
    },
    /** Conditional requests that were held (and never answered). */
    heldCount: () => held.length,
  };
}
