import { make } from './dom';

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

/** A `<time>` that says how long ago `d` was and is kept current by {@link keepTimesCurrent}. */
export function agoTime(d: Date): HTMLTimeElement {
  const el = make('time', { text: formatAgo(d) });
  el.dateTime = d.toISOString();
  el.title = formatDate(d);
  el.dataset.ago = '';
  return el;
}

/** Says again how long ago each {@link agoTime} was. */
export function refreshTimes(now = new Date()): void {
  for (const el of document.querySelectorAll<HTMLTimeElement>('time[data-ago]')) {
    const text = formatAgo(new Date(el.dateTime), now);
    if (el.textContent !== text) el.textContent = text;
  }
}

/**
 * Keeps "just now", "5 minutes ago" true while the page stays open: every 15 seconds, and at
 * once when the tab or window comes back (`onReturn` may also fetch what changed meanwhile).
 */
export function keepTimesCurrent(onReturn: () => void): void {
  setInterval(() => refreshTimes(), 15_000);
  const back = () => {
    if (document.visibilityState !== 'visible') return;
    refreshTimes();
    onReturn();
  };
  document.addEventListener('visibilitychange', back);
  window.addEventListener('focus', back);
}
