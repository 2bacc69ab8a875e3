import { browserSupportsWebAuthn, WebAuthnAbortService } from '@simplewebauthn/browser';
import type { Context } from './manage';
import type { AbortedOutcome, ErrorOutcome, UnsupportedOutcome } from './outcomes';

let latest = 0;

/**
 * Runs one browser ceremony so that aborting `signal` ends it at once with an `AbortError`.
 * SimpleWebAuthn keeps one active ceremony in `WebAuthnAbortService`; it is cancelled only
 * while it is still ours (a newer one has replaced it otherwise). An autofill ceremony awaits
 * feature checks before it calls `navigator.credentials.get()`, so an early abort is
 * repeated until the ceremony settles.
 */
function runCeremony<T>(start: () => Promise<T>, signal: AbortSignal): Promise<T> {
  const id = ++latest;
  let retry: ReturnType<typeof setInterval> | undefined;
  const cancel = () => id === latest && WebAuthnAbortService.cancelCeremony();
  const aborted = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => {
      cancel();
      retry = setInterval(cancel, 20);
      reject(signal.reason);
    }),
  );
  return Promise.race([start().finally(() => clearInterval(retry)), aborted]);
}

/** Restart an autofill ceremony when 90% of its options' `timeout` (ms) has elapsed. */
const restartDelay = (timeout = 300_000) => timeout * 0.9;

/** A started ceremony that the browser answered: what `{route}/verify` needs. */
export type Answered<O, R> = { status: 'ok'; ceremonyId: string; options: O; response: R };

/**
 * `POST {route}/options`, then the browser ceremony; `fail` turns its rejection into an outcome.
 * With `restart`, the ceremony is started again with fresh options just before its challenge
 * expires, until it is answered or `signal` aborts (autofill waits for as long as the page).
 */
export async function begin<O extends { timeout?: number }, R, F>(
  ctx: Context,
  step: {
    route: string;
    body: object;
    start: (options: O) => Promise<R>;
    fail: (err: unknown) => F;
    signal?: AbortSignal;
    restart?: boolean;
  },
): Promise<Answered<O, R> | F | UnsupportedOutcome | AbortedOutcome | ErrorOutcome> {
  const { signal } = step;
  if (!browserSupportsWebAuthn()) return { status: 'unsupported' };
  for (;;) {
    if (signal?.aborted) return { status: 'aborted' };
    const started = await ctx.http<{ ceremonyId: string; options: O }>(
      'POST',
      `${step.route}/options`,
      step.body,
      {
        signal,
        expect: ['ceremonyId', 'options'],
      },
    );
    if (started.status === 'error') return signal?.aborted ? { status: 'aborted' } : started;
    const { ceremonyId, options } = started.data;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    const timer = step.restart ? setTimeout(onAbort, restartDelay(options.timeout)) : undefined;
    signal?.addEventListener('abort', onAbort);
    try {
      const response = await runCeremony(() => step.start(options), stop.signal);
      return { status: 'ok', ceremonyId, options, response };
    } catch (err) {
      if (signal?.aborted) return { status: 'aborted' };
      // Otherwise our own timer stopped it: loop for fresh options.
      if (!stop.signal.aborted) return step.fail(err);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
