import { describe, expect, it } from 'vitest';
import { holdEndsAt } from '../src/web/hold';
import { durationText, holdText } from '../src/web/messages';

const at = (iso: string) => ({ createdAt: iso }) as never;

describe('the security hold on the page', () => {
  it('ends when the oldest passkey comes off hold; none when one already may, or without a hold', () => {
    const now = new Date('2026-03-01T10:00:30Z');
    const fresh = [at('2026-03-01T10:00:20Z'), at('2026-03-01T10:00:10Z')];
    expect(holdEndsAt(fresh, 60, now)).toEqual(new Date('2026-03-01T10:01:10Z'));
    expect(holdEndsAt([...fresh, at('2026-03-01T09:59:00Z')], 60, now)).toBeNull();
    expect(holdEndsAt(fresh, 0, now)).toBeNull();
    expect(holdEndsAt([], 60, now)).toBeNull();
    // Exactly at its end, the passkey may approve.
    expect(holdEndsAt([at('2026-03-01T09:59:30Z')], 60, now)).toBeNull();
  });

  it('words the hold in its largest whole unit, and says nothing without one', () => {
    expect(holdText(0)).toBe('');
    expect(holdText(60)).toBe(' (which can approve them 1 minute after it is added)');
    for (const [seconds, text] of [
      [1, '1 second'],
      [90, '90 seconds'],
      [120, '2 minutes'],
      [3600, '1 hour'],
      [5400, '90 minutes'],
      [86_400, '1 day'],
      [90_000, '25 hours'],
    ] as const) {
      expect(durationText(seconds), String(seconds)).toBe(text);
    }
  });
});
