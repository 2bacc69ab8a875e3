import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { Context } from './manage';
import { type CreateFailure, ceremonyFailure, type GetFailure } from './outcomes';
import { type Answer, type OptionsJSON, runWebAuthn } from './webauthn';

/** Restart an autofill ceremony when 90% of its options' `timeout` (ms) has elapsed. */
const restartDelay = (timeout = 300_000) => timeout * 0.9;

/** Why our own timer stopped a ceremony: it starts again with fresh options. */
const RESTART = 'restart';

/** A started ceremony that the browser answered: what `{route}/verify` needs. */
export type Answered<O extends OptionsJSON> = Answer & { status: 'ok'; ceremonyId: string; options: O };

/** One ceremony's route, body and browser call. */
interface Step<O extends OptionsJSON> {
  route: string;
  body: object;
  kind: 'create' | 'get';
  mediation?: 'conditional';
  extensions?: (options: O) => object | undefined;
  signal?: AbortSignal;
  restart?: boolean;
}

/**
 * `POST {route}/options`, then the browser ceremony; its rejection becomes an outcome.
 * With `restart`, the ceremony is started again with fresh options just before its challenge
 * expires, until it is answered or `signal` aborts (autofill waits for as long as the page).
 * `extensions` adds the app's extension inputs, given the server's options.
 */
export function begin<O extends OptionsJSON>(
  ctx: Context,
  step: Step<O> & { kind: 'create' },
): Promise<Answered<O> | CreateFailure>;
export function begin<O extends OptionsJSON>(
  ctx: Context,
  step: Step<O> & { kind: 'get' },
): Promise<Answered<O> | GetFailure>;
export async function begin<O extends OptionsJSON>(
  ctx: Context,
  step: Step<O>,
): Promise<Answered<O> | CreateFailure> {
  const { signal, kind } = step;
  if (!browserSupportsWebAuthn()) return { status: 'unsupported' };
  for (;;) {
    if (signal?.aborted) return { status: 'aborted' };
    const started = await ctx.http<{ ceremonyId: string; options: O }>(
      'POST',
      `${step.route}/options`,
      step.body,
      { signal, expect: ['ceremonyId', 'options'] },
    );
    // A fetch of the app's may ignore the signal: the abort wins over its answer.
    if (signal?.aborted) return { status: 'aborted' };
    if (started.status === 'error') return started;
    const { ceremonyId, options } = started.data;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    const timer = step.restart ? setTimeout(() => stop.abort(RESTART), restartDelay(options.timeout)) : 0;
    signal?.addEventListener('abort', onAbort);
    try {
      const call = { mediation: step.mediation, extensions: step.extensions?.(options), stop };
      return { status: 'ok', ceremonyId, options, ...(await runWebAuthn(kind, options, call)) };
    } catch (err) {
      if (signal?.aborted) return { status: 'aborted' };
      if (stop.signal.reason !== RESTART) return ceremonyFailure(err, kind as 'create');
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
