import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('parseRange', () => {
  it('reads China days, `to` up to the end of its day', () => {
    expect(parseRange({ from: '2026-11-01', to: '2026-11-02' })).toEqual({
      from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-02T16:00:00Z'),
    });
  });
  it('reads instants with their offset, and nothing as nothing', () => {
    expect(parseRange({ from: '2026-11-01T12:00:00+08:00' })).toEqual({ from: new Date('2026-11-01T04:00:00Z') });
    expect(parseRange({})).toEqual({});
  });
  it('refuses a malformed value and a range that ends before it starts, naming the parameter', () => {
    expect(() => parseRange({ from: 'yesterday' })).toThrow(/query parameter from is a date/);
    expect(() => parseRange({ to: '2026-13-45' })).toThrow(/query parameter to/);
    expect(() => parseRange({ from: '2026-11-03', to: '2026-11-01' })).toThrow(/must come before to/);
  });
});
