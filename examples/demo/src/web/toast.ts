import { $ } from './dom';

let toastTimer: ReturnType<typeof setTimeout> | undefined;
const TOAST_MS = 6000;

/**
 * A short confirmation at the bottom of the page, with a button to dismiss it. It stays while
 * the pointer or focus is on it, and keeps clear of the focused element: on a phone it would
 * otherwise cover the next passkey's buttons.
 */
export function toast(message: string): void {
  const box = $('toast-box');
  $('toast').textContent = message;
  box.hidden = false;
  scheduleToastEnd();
  keepClearOfToast();
}

function scheduleToastEnd() {
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    const box = $('toast-box');
    if (box.matches(':hover, :focus-within')) return scheduleToastEnd();
    clearToast();
  }, TOAST_MS);
}

/** Scrolls the focused element (its list row) above the toast when the toast would cover it. */
export function keepClearOfToast(): void {
  const box = $('toast-box');
  if (box.hidden) return;
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || focused === document.body || box.contains(focused)) return;
  const target = focused.closest('li') ?? focused;
  const overlap = target.getBoundingClientRect().bottom - box.getBoundingClientRect().top;
  if (overlap > 0) window.scrollBy({ top: overlap + 12 });
}

/** Hides the toast at once: what it confirmed belongs to the screen the user left. */
export function clearToast(): void {
  clearTimeout(toastTimer);
  $('toast-box').hidden = true;
  $('toast').textContent = '';
}

/** The toast's dismiss button: hides it, and gives focus back to where the user was. */
export function wireToast(): void {
  const box = $('toast-box');
  let before: Element | null = null;
  box.addEventListener('focusin', (event) => {
    if (!box.contains(event.relatedTarget as Node | null)) before = event.relatedTarget as Element | null;
  });
  $('toast-dismiss').addEventListener('click', () => {
    clearToast();
    const back = before instanceof HTMLElement && before.isConnected ? before : $('main');
    back.focus();
  });
}
