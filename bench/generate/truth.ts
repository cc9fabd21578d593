// The ground truth written beside every generated file: one NDJSON line per data row.
import type { Field } from './channels.ts';
import type { Habits } from './agencies/habits.ts';

export type GenerateMode = 'default' | 'agencies';

/** How the row identifies its subject. */
export type SubjectBy = 'uscc' | 'uscc_all' | 'orgcode' | 'regno' | 'taxno' | 'placeholder_regno' | 'name' | 'ric';

export const INVALID_KINDS = [
  'missing_required', 'bad_uscc_check', 'impossible_date', 'future_date', 'unknown_penalty_type', 'amount_inexact',
] as const;
/** The kinds any mode plants; the agencies mode adds a resident ID whose check character fails. */
export type RowInvalidKind = (typeof INVALID_KINDS)[number];
/** bad_ric_check: a resident ID whose check fails; placeholder_without_regno: an individual business
 * that writes a placeholder for its USCC and gives no registration number, which the standard asks
 * for then (agencies mode). */
export type InvalidKind = RowInvalidKind | 'bad_ric_check' | 'placeholder_without_regno';

/** What kind of reject the factory should give. Today's codes: required → CDF_ROW_REQUIRED,
 *  identifier → CDF_CODE_INVALID, amount → CDF_ROW_SCHEMA (pattern), codelist → CDF_ROW_CODELIST
 *  (处罚类别 has no enum yet), date → none yet (an impossible or future date passes the pattern). */
export type RejectFamily = 'required' | 'identifier' | 'date' | 'codelist' | 'amount';

export type ConflictField = 'fine_amount' | 'decision_date';

export interface TruthRow {
  /** 1-based data row (the header is row 0), as the factory numbers rows. */
  row: number;
  disclosureId: number;
  /** The subject's USCC in the registry; null for a natural person. */
  trueSubjectUscc: string | null;
  subjectBy: SubjectBy;
  /** Whether a linker can be expected to find the subject: not for natural persons (not in the
   *  registry) nor for a name-only row whose name has a typo. */
  resolvable: boolean;
  /** Whether the factory should accept the row. A bad_uscc_check row is valid when its subject's
   *  name has no typo: the link step repairs the code through the registry and flags it. */
  valid: boolean;
  noise: string[];
  invalidKind?: InvalidKind;
  rejectField?: Field;
  rejectFamily?: RejectFamily;
  /** Set on the one copy of a conflicted disclosure that differs; conflictValue is its (normalised)
   *  value there, the disclosure's true value being in disclosures.truth.ndjson. */
  conflictField?: ConflictField;
  conflictValue?: string;
}

/** One line of disclosures.truth.ndjson: the disclosure's true, normalised values. */
export interface TruthDisclosure {
  id: number;
  decisionNo: string;
  authority: string;
  authorityUscc: string;
  subjectUscc: string | null;
  subjectIdNo: string | null;
  category: string;
  penaltyTypes: string;
  /** 万元, exact decimal text; null when there is no fine. */
  fine: string | null;
  confiscated: string | null;
  decisionDate: string;
  validUntil: string;
  /** How many rows carry it (valid or not), and which files. */
  copies: number;
  files: string[];
  conflictField?: ConflictField;
}

export interface FileSummary {
  file: string;
  truth: string;
  channel: string;
  agency: string;
  encoding: string;
  rows: number;
  /** Agencies mode: lines above the header row and below the last data row (blank ones included). */
  layout?: { above: number; below: number };
  /** Agencies mode: the sender's habit profile (agencies/habits.ts), for reading the file. */
  habits?: Habits;
}

export interface Summary {
  seed: number;
  rowsRequested: number;
  rows: number;
  subjects: number;
  /** Only when not the default mode ('agencies'): the default summary keeps its bytes. */
  mode?: GenerateMode;
  disclosures: number;
  files: FileSummary[];
  rowsPerChannel: Record<string, number>;
  /** Σ over disclosures of n·(n−1)/2, n = its valid rows: the pairs a perfect factory merges. */
  duplicatePairsExpected: number;
  disclosuresWithCopies: number;
  conflictsPlanted: number;
  conflictsByField: Record<string, number>;
  invalidRows: number;
  invalidByKind: Record<string, number>;
  noise: Record<string, number>;
  subjectBy: Record<string, number>;
  rates: Record<string, number>;
}
