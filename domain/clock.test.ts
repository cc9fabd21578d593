import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from './clock.ts';
import { chinaToday } from './china-day.ts';

describe('clock', () => {
  it("gives China's calendar day, whatever the process's time zone", () => {
    // 16:30 UTC on 21 November is 00:30 on 22 November in China.
    const c = fixedClock('2026-11-21T16:30:00Z');
    expect(c.today()).toBe('2026-11-22');
    expect(c.now().toISOString()).toBe('2026-11-21T16:30:00.000Z');
  });

  it('stays where it was stopped, and its instant cannot be changed by a caller', () => {
    const c = fixedClock(new Date('2026-01-01T00:00:00+08:00'));
    c.now().setFullYear(2000);
    expect(c.today()).toBe('2026-01-01');
    expect(c.now().getFullYear()).toBe(2026);
  });

  it('refuses what is not a time', () => {
    expect(() => fixedClock('soon')).toThrow(RangeError);
  });

  it('the system clock is now', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(1000);
    expect([chinaToday(new Date(before)), chinaToday()]).toContain(systemClock.today());
  });
});
