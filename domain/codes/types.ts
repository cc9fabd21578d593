// Shared result shape for every identifier check. A check never throws on bad data: it returns
// every problem it found, each bilingual and (where it has one) with the 1-based position, so a
// cleaning report can show the user exactly which character to fix.

/** Which identifier a string was checked as. Defined here (not in detect.ts) so the checkers can
 *  use it without a runtime import cycle; detect.ts re-exports it. */
export const CodeKind = {
  uscc: 'uscc',
  orgcode: 'orgcode',
  regno: 'regno',
  taxno: 'taxno',
  ric: 'ric',
  unknown: 'unknown',
} as const;
export type CodeKind = (typeof CodeKind)[keyof typeof CodeKind];

export const CodeStatus = {
  valid: 'valid',
  invalid: 'invalid',
  /** Breaks the standard but is known to occur in genuinely issued codes: flag for review, keep the row. */
  nonconforming: 'nonconforming',
} as const;
export type CodeStatus = (typeof CodeStatus)[keyof typeof CodeStatus];

export type CodeReasonCode =
  | 'length'
  | 'character'
  | 'check'
  | 'category'
  | 'division'
  | 'date'
  | 'reserved'
  | 'placeholder'
  | 'pilot_nonconforming'
  /** A USCC whose own check holds but whose embedded organisation code (positions 9–17) fails GB 11714. */
  | 'embedded_orgcode'
  | 'shape';

export interface CodeReason {
  code: CodeReasonCode;
  zh: string;
  en: string;
  /** 1-based position in the normalised code, when the problem is at one place. */
  position?: number;
}

export interface CodeCheck {
  /** Exactly what the caller passed in. */
  input: string;
  /** After normalizeCode: what every position in the reasons refers to. */
  normalized: string;
  kind: CodeKind;
  valid: boolean;
  status: CodeStatus;
  reasons: CodeReason[];
  /** Named pieces of the code (division, orgcode, birthDate, …); only those that could be read. */
  parts: Record<string, string>;
  /** Set on the individual-business USCC placeholder 00000000000000000X. */
  placeholder?: boolean;
}
