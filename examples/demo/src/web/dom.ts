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
