// Accuracy of a factory run against the generator's ground truth. Pure: the caller joins each
// truth row (file, row) with what the factory did to it and feeds the pairs in, in any order;
// memory grows with the number of disclosures and golden records, not with pairs of rows.
// Definitions (bench result contract, issue 3):
// - duplicatePairs: over rows that are truly valid, a true pair is two rows of one disclosure, a
//   predicted pair two rows given one golden record. Counted from group sizes, n·(n−1)/2, never by
//   enumerating pairs. Invalid rows are left out here (invalidRejected scores them).
// - link: over valid, resolvable rows; correct when linked to the true subject's USCC; wrong when
//   linked to another one; unlinked otherwise. wrongPerMille = wrong / resolvable × 1000.
// - invalidRejected: share of truly invalid rows the factory rejected.
// - conflictsSurfaced: share of planted conflicts where a raised conflict holds the differing row
//   and another row of the same disclosure.
// - unaccounted: rows neither rejected nor given a golden record, or missing from the output.

export interface TruthRef {
  file: string;
  row: number;
  disclosureId: number;
  trueSubjectUscc: string | null;
  valid: boolean;
  resolvable: boolean;
  conflictField?: string;
  noise?: readonly string[];
}

export interface Outcome {
  file: string;
  row: number;
  rejected: boolean;
  /** The golden record the row was merged into; null when rejected (or lost). */
  goldenId: string | number | null;
  linkedUscc: string | null;
  /** The reject codes of a rejected row (distinct; a refused file's rows carry the refusal's code). */
  rejectCodes?: readonly string[];
  /** The fields the rejects name, for the samples below. */
  rejectFields?: readonly string[];
  /** The row's whole file was refused at upload. */
  refused?: boolean;
}

/** A conflict the factory raised, as the rows it involves. */
export type RaisedConflict = readonly { file: string; row: number }[];

export interface Ratio {
  precision: number;
  recall: number;
  f1: number;
}

export interface Accuracy {
  rows: number;
  duplicatePairs: Ratio & { expected: number; predicted: number; truePositive: number };
  link: { accuracy: number; wrongPerMille: number; resolvable: number; correct: number; wrong: number; unlinked: number; wrongOnUnresolvable: number };
  invalidRejected: number;
  invalidRows: number;
  /** Share of valid rows rejected (false rejects). */
  validRejected: number;
  conflictsSurfaced: number;
  conflicts: { planted: number; surfaced: number };
  unaccounted: number;
  /** Output rows with no truth row (a file or row the generator never wrote), footer lines aside. */
  unexpected: number;
  /** Valid rows rejected, by reject code (a row with two codes counts under each). */
  validRejectedByReason: Record<string, number>;
  /** Up to five valid rejected rows per reject code, to show what the rule tripped on. */
  validRejectedSamples: Record<string, Array<{ file: string; row: number; fields: readonly string[]; noise: readonly string[] }>>;
  /** Rows of files refused whole at upload (counted as rejected, under the refusal's code). */
  refusedRows: number;
  /** Lines below the data (agencies mode: 合计, 填报人 …) the factory read as rows: written by the
   *  generator, and what the factory made of those it read. */
  footerRows: { written: number; rejected: number; accepted: number };
}

export const rowKey = (file: string, row: number): string => `${file}#${row}`;
export const pairsOf = (n: number): number => (n * (n - 1)) / 2;

/** Σ n·(n−1)/2 over the sizes of the groups in `counts`. */
export function pairsFromCounts(counts: Iterable<number>): number {
  let sum = 0;
  for (const n of counts) sum += pairsOf(n);
  return sum;
}

/** Precision, recall and F1 from pair counts; an empty prediction has precision 1, an empty truth recall 1. */
export function ratio(truePositive: number, predicted: number, expected: number): Ratio {
  const precision = predicted === 0 ? 1 : truePositive / predicted;
  const recall = expected === 0 ? 1 : truePositive / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export const share = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
