import { describe, expect, it } from 'vitest';
import { parseAsOf } from './as-of.ts';

const now = () => new Date('2026-11-30T10:00:00.000Z');

describe('parseAsOf', () => {
  it('reads a moment relative to now', () => {
    expect(parseAsOf('now', now)?.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(parseAsOf('now-90s', now)?.toISOString()).toBe('2026-11-30T09:58:30.000Z');
    expect(parseAsOf('now-1m', now)?.toISOString()).toBe('2026-11-30T09:59:00.000Z');
    expect(parseAsOf('now-2h', now)?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(parseAsOf('now-3d', now)?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });

  it('reads dates and times with their offset', () => {
    expect(parseAsOf('2026-11-01T08:00:00+08:00', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseAsOf('2026-11-01', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseAsOf(undefined, now)).toBeUndefined();
  });

  it('refuses anything else, naming what it got and the forms it takes', () => {
    for (const bad of ['yesterday', 'now-5w', 'now+1h', '2026-13-45']) {
      expect(() => parseAsOf(bad, now)).toThrow(expect.objectContaining({ code: 'CDF_DATE_INVALID' }));
    }
    try {
      parseAsOf('yesterday', now);
    } catch (e) {
      expect((e as Error & { message_(l: string): string }).message_('en')).toContain('got "yesterday"');
      expect((e as Error & { message_(l: string): string }).message_('zh-CN')).toContain('now-10m');
    }
  });
});
