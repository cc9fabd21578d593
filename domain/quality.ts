// The link quality figures the factory reports per batch and per agency (DESIGN "Quality figures"):
// 换码率, the share of organisation rows that did not carry a valid USCC and were converted to one,
// and 重错码率, rows with a wrong or duplicate code per thousand organisation rows (target < 1‰).
export interface LinkCounts {
  /** Accepted rows about an organisation or individual business (natural persons are not linked). */
  organisations: number;
  /** Of those, rows that did not carry a valid USCC of their own (legacy code, name, placeholder, typo). */
  withoutUscc: number;
  /** Of those, rows the link step resolved to a USCC. */
  converted: number;
  /** Rows with at least one code conflict. */
  codeConflictRows: number;
}

export interface LinkQuality {
  /** converted / withoutUscc; 1 when every row carried its USCC. */
  conversionRate: number;
  /** codeConflictRows per 1,000 organisation rows. */
  wrongCodePerMille: number;
}

const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;

export function linkQuality(c: LinkCounts): LinkQuality {
  return {
    conversionRate: c.withoutUscc === 0 ? 1 : round(c.converted / c.withoutUscc, 4),
    wrongCodePerMille: c.organisations === 0 ? 0 : round((c.codeConflictRows / c.organisations) * 1000, 2),
  };
}

export function addLinkCounts(a: LinkCounts, b: Partial<LinkCounts>): LinkCounts {
  return {
    organisations: a.organisations + (b.organisations ?? 0), withoutUscc: a.withoutUscc + (b.withoutUscc ?? 0),
    converted: a.converted + (b.converted ?? 0), codeConflictRows: a.codeConflictRows + (b.codeConflictRows ?? 0),
  };
}

export const NO_LINK_COUNTS: LinkCounts = { organisations: 0, withoutUscc: 0, converted: 0, codeConflictRows: 0 };
