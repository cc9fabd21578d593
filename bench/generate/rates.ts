// Every kind of noise has its own rate, so a benchmark can switch one off to see what it costs,
// and the demo can turn the interesting ones up. Rates are probabilities per row unless noted.

export interface Rates {
  /** Per disclosure of a city-level authority: also relayed by the national vertical feed. */
  vertical: number;
  /** Per disclosure on a Binhai (120116) subject: also relayed by the district platform. */
  platform: number;
  /** Per relayed disclosure: missing from the deciding authority's own upload. */
  agencyMissing: number;
  /** Per copy: sent twice in the same file. */
  resend: number;
  /** Per disclosure: the subject is a natural person (identified by resident ID, not in the registry). */
  naturalPerson: number;
  docnoBrackets: number;
  docnoFullWidth: number;
  /** A date form other than the file's usual one (every date of the row). */
  dateForm: number;
  excelDate: number;
  /** An amount form other than the plain 万元 number. */
  amountForm: number;
  /** Organisation identified by something other than its USCC alone (orgcode, regno, taxno, name, all codes). */
  subjectOther: number;
  /** Individual business identified by the placeholder 00000000000000000X plus its registration number. */
  placeholder: number;
  /** Codes typed in lower case, with spaces or hyphens. */
  codeForm: number;
  /** Per row whose subject's name has brackets: written with the other bracket width. */
  nameBrackets: number;
  nameSpace: number;
  nameTypo: number;
  /** Per row of the national vertical feed: names in traditional characters. */
  traditional: number;
  /** 处罚类别 joined by 、 ， or ； instead of ;. */
  typesSeparator: number;
  /** A remark with a line break inside the quoted cell. */
  newline: number;
  /** Per disclosure with two or more copies: one copy differs in the fine or the decision date. */
  conflict: number;
  /** Per row: invalid, of one of the INVALID_KINDS. */
  invalid: number;
}

export const DEFAULT_RATES: Readonly<Rates> = {
  vertical: 0.5, platform: 0.6, agencyMissing: 0.03, resend: 0.005, naturalPerson: 0.03,
  docnoBrackets: 0.25, docnoFullWidth: 0.03, dateForm: 0.15, excelDate: 0.005, amountForm: 0.25,
  subjectOther: 0.15, placeholder: 0.25, codeForm: 0.02,
  nameBrackets: 0.5, nameSpace: 0.03, nameTypo: 0.01, traditional: 0.4, typesSeparator: 0.1, newline: 0.002,
  conflict: 0.03, invalid: 0.02,
};

/** The start command's demo: ~60 rows, so the rare events are turned up to be seen at all. */
export const DEMO = {
  rows: 60,
  // Chosen among seeds 1–300 for a demo that shows each thing once at least: all three channels,
  // conflicts in both fields, four kinds of reject, several ways of naming the subject.
  seed: 72,
  subjects: 200,
  rates: { ...DEFAULT_RATES, vertical: 0.7, platform: 0.9, conflict: 0.2, invalid: 0.08, nameTypo: 0.05, excelDate: 0.03 } as Rates,
};

export function withRates(overrides: Partial<Rates> = {}): Rates {
  const rates = { ...DEFAULT_RATES, ...overrides };
  for (const [k, v] of Object.entries(rates)) {
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw new RangeError(`rate ${k} must be within 0…1, got ${String(v)}`);
  }
  return rates;
}
