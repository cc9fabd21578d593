// A database pull's values and cursors, without a database: the ISO text a date-time becomes, and a
// saved cursor that is not the connector's own refused in words.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isoText, plainValues, temporalColumns } from './values.ts';

describe('date-times as ISO text', () => {
  it('keeps every digit, marks an instant as UTC, and writes an offset in full', () => {
    expect(isoText('2025-03-01 08:30:00.123456', 'local')).toBe('2025-03-01T08:30:00.123456');
    expect(isoText('2025-03-01 08:30:00.123456+00', 'instant')).toBe('2025-03-01T08:30:00.123456Z');
    expect(isoText('2025-03-01 08:30:00+08', 'instant')).toBe('2025-03-01T08:30:00+08:00');
    expect(isoText('2025-03-01 08:30:00', 'instant')).toBe('2025-03-01T08:30:00Z');
    expect(isoText('infinity', 'local')).toBe('infinity');
  });

  it('converts only the columns the driver said are date-times', () => {
    const pg = temporalColumns('postgresql', [{ name: 'at', dataTypeID: 1184 }, { name: 'note', dataTypeID: 25 }]);
    expect(plainValues({ at: '2025-03-01 08:30:00+00', note: '2025-03-01 08:30:00', bin: Buffer.from('hi') }, pg))
      .toEqual({ at: '2025-03-01T08:30:00Z', note: '2025-03-01 08:30:00', bin: 'aGk=' });
    const my = temporalColumns('mysql', [{ name: 'at', columnType: 12 }, { name: 'ts', columnType: 7 }]);
    expect(plainValues({ at: '2025-03-01 08:30:00.000001', ts: '2025-03-01 08:30:00' }, my))
      .toEqual({ at: '2025-03-01T08:30:00.000001', ts: '2025-03-01T08:30:00Z' });
  });
});

describe('cursors', () => {
  it('round-trip exactly', () => {
    const text = encodeCursor(['2025-03-01 08:30:00.123456', 42]);
    expect(decodeCursor(text, 'mysql://h:3306/db')).toEqual(['2025-03-01 08:30:00.123456', 42]);
  });

  it('refuse one another connector or cursor column wrote, naming the source and how to start again', () => {
    expect(decodeCursor('["12345",7]', 'mysql://h:3306/db', 'number')).toEqual(['12345', 7]);
    for (const text of ['2025-03-01', '["a"]', '{"a":1}', '[null, 1]', '[17, 1]']) {
      expect(() => decodeCursor(text, 'mysql://h:3306/db')).toThrow(expect.objectContaining({
        code: 'CDF_PULL_CONFIG',
        messages: { zh: expect.stringContaining('mysql://h:3306/db') as string, en: expect.stringContaining('clear it to read everything again') as string },
      }) as Error);
    }
  });
});
