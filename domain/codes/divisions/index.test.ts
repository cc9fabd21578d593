import { describe, expect, it } from 'vitest';
import { DIVISION_LINES_NORTH } from './data-north.ts';
import { DIVISION_LINES_SOUTH } from './data-south.ts';
import { divisionStatus, isDivision } from './index.ts';
import { render } from './build.ts';

describe('divisionStatus', () => {
  it('lists current and retired divisions (the retired ones as IDs still carry them)', () => {
    for (const code of ['110105', '120116', '120107', '120108', '120109', '120221', '120223', '110103', '441900', '810000']) {
      expect(divisionStatus(code), code).toBe('listed');
    }
  });

  it('takes an unlisted county under a listed prefecture as plausible (retired before 2002)', () => {
    expect(divisionStatus('440524')).toBe('plausible');
  });

  it('refuses what was never a division', () => {
    for (const code of ['990105', '000000', '123401', '110001', '1101', '11010a', '']) expect(isDivision(code), code).toBe(false);
  });

  it('holds the data one prefecture a line, sorted, with short lines', () => {
    const lines = `${DIVISION_LINES_NORTH.trim()}\n${DIVISION_LINES_SOUTH.trim()}`.split('\n');
    expect(lines.length).toBeGreaterThan(400);
    expect(lines.every((l) => /^\d{4}( \d\d)+$/.test(l) && l.length < 140)).toBe(true);
    expect([...lines].sort()).toEqual(lines);
    expect(render(['120102', '120101', '110101'])).toEqual(['1101 01', '1201 01 02']);
  });
});
