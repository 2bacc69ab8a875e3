import type { Page } from 'playwright-core';

/**
 * Calls one method of a client made in the page (`createPasskeyClient(options)`) and returns
 * its outcome as JSON: ArrayBuffers (PRF outputs) as base64url text, Dates as ISO text. In
 * `args`, `{ $text: 'x' }` becomes the bytes of 'x' (a salt given as bytes); `options.currentUser`
 * is the names the client's hook answers.
 */
export function callClient<T = Record<string, unknown>>(
  page: Page,
  method: string,
  args: unknown[] = [],
  options: { currentUser?: { name: string; displayName: string }; signals?: Record<string, boolean> } = {},
): Promise<T> {
  return page.evaluate(
    async ({ method, args, options }) => {
      const revive = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(revive);
        if (value && typeof value === 'object') {
          if ('$text' in value) return new TextEncoder().encode(String(value.$text));
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
        }
        return value;
      };
      const b64url = (buffer: ArrayBuffer) =>
        btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const module = (window as unknown as { passkeyClient: Record<string, (o: unknown) => unknown> })
        .passkeyClient;
      const { currentUser, ...rest } = options;
      const client = module.createPasskeyClient!({
        ...rest,
        ...(currentUser && { currentUser: () => currentUser }),
      }) as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const result = await client[method]!(...args.map(revive));
      return JSON.parse(
        JSON.stringify(result, (_key, value) => (value instanceof ArrayBuffer ? b64url(value) : value)),
      );
    },
    { method, args, options },
  ) as Promise<T>;
}

/**
 * Records what the page passes to `navigator.credentials.get()/create()`: the mediation, the
 * hints and the extension inputs' names, for tests that prove a request's shape.
 */
export async function recordWebAuthnCalls(page: Page): Promise<() => Promise<unknown[]>> {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { webauthnCalls: unknown[] }).webauthnCalls = calls;
    const container = navigator.credentials;
    for (const kind of ['get', 'create'] as const) {
      const original = container[kind].bind(container);
      container[kind] = (options?: CredentialRequestOptions & CredentialCreationOptions) => {
        const publicKey = options?.publicKey as { hints?: string[]; extensions?: object } | undefined;
        calls.push({
          kind,
          mediation: options?.mediation ?? null,
          hints: publicKey?.hints ?? null,
          extensions: Object.keys(publicKey?.extensions ?? {}),
        });
        return original(options);
      };
    }
  });
  await page.reload();
  await page.waitForFunction(() => 'passkeyClient' in window);
  return () => page.evaluate(() => (window as unknown as { webauthnCalls: unknown[] }).webauthnCalls);
}
