/** The element with this `data-testid` (every interactive element of the page has one). */
export function $<T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`missing [data-testid="${testId}"]`);
  return el;
}

/** Shows a message in an alert element, or hides it with `null`. */
export function say(el: HTMLElement, message: string | null): void {
  el.textContent = message ?? '';
  el.hidden = message === null;
}

/** Creates an element with a class and text (text only: user data never becomes markup). */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; testId?: string } = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.testId) el.dataset.testid = props.testId;
  return el;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** A short confirmation at the bottom of the page. */
export function toast(message: string): void {
  const el = $('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 4000);
}

/** Hides the toast at once: what it confirmed belongs to the screen the user left. */
export function clearToast(): void {
  clearTimeout(toastTimer);
  $('toast').hidden = true;
}

/**
 * Shows a field's error under it, or clears it with `null`: the input gets `aria-invalid` and
 * `aria-describedby` naming its hint (when shown) and its error.
 */
export function fieldError(
  input: HTMLInputElement,
  error: HTMLElement,
  message: string | null,
  hint?: HTMLElement,
): void {
  say(error, message);
  if (message === null) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
  const ids = [hint && !hint.hidden ? hint.id : '', message === null ? '' : error.id].filter(Boolean);
  if (ids.length > 0) input.setAttribute('aria-describedby', ids.join(' '));
  else input.removeAttribute('aria-describedby');
}

/** Disables a button while `work` runs, with `aria-busy` for assistive technology. */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Mar 3, 2026, 10:04 AM". */
export const formatDate = (d: Date) => dateFormat.format(d);

/** "just now", "5 minutes ago", "yesterday", or the date past a week. */
export function formatAgo(d: Date, now = new Date()): string {
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 7) return relative.format(days, 'day');
  return formatDate(d);
}

/**
 * Keyboard for a tab list (WAI-ARIA tabs pattern): arrow keys move between tabs and select
 * them; only the selected tab is in the Tab order.
 */
export function tabKeys(tabs: HTMLElement[]): { select(selected: HTMLElement): void } {
  tabs.forEach((tab, i) => {
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next?.focus();
      next?.click();
    });
  });
  return {
    select(selected) {
      for (const tab of tabs) {
        tab.setAttribute('aria-selected', String(tab === selected));
        tab.tabIndex = tab === selected ? 0 : -1;
      }
    },
  };
}
