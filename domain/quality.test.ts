import { describe, expect, it } from 'vitest';
import { addLinkCounts, linkQuality, NO_LINK_COUNTS } from './quality.ts';

describe('linkQuality', () => {
  it('gives the conversion rate over rows without a USCC and the wrong-code rate per thousand', () => {
    expect(linkQuality({ organisations: 2000, withoutUscc: 300, converted: 297, codeConflictRows: 3 })).toEqual({
      conversionRate: 0.99,
      wrongCodePerMille: 1.5,
    });
  });
  it('counts a batch where every row carried its USCC as fully converted, and an empty one as clean', () => {
    expect(linkQuality({ organisations: 10, withoutUscc: 0, converted: 0, codeConflictRows: 0 })).toEqual({ conversionRate: 1, wrongCodePerMille: 0 });
    expect(linkQuality(NO_LINK_COUNTS)).toEqual({ conversionRate: 1, wrongCodePerMille: 0 });
  });
  it('adds batches before dividing, so an agency figure weighs batches by their rows', () => {
    const a = addLinkCounts(addLinkCounts(NO_LINK_COUNTS, { organisations: 1000, withoutUscc: 100, converted: 100 }), {
      organisations: 10,
      withoutUscc: 10,
      converted: 0,
      codeConflictRows: 1,
    });
    expect(linkQuality(a)).toEqual({ conversionRate: 0.9091, wrongCodePerMille: 0.99 });
  });
});
