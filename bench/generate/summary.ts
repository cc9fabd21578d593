// Running totals for truth-summary.json: counters only, whatever the number of rows.
import type { ConflictField, FileSummary, Summary, TruthRow } from './truth.ts';

const bump = (m: Record<string, number>, k: string): void => { m[k] = (m[k] ?? 0) + 1; };

export class SummaryCounter {
  private disclosures = 0;
  private withCopies = 0;
  private pairs = 0;
  private conflicts = 0;
  private invalid = 0;
  private readonly conflictsByField: Record<string, number> = {};
  private readonly perChannel: Record<string, number> = {};
  private readonly invalidByKind: Record<string, number> = {};
  private readonly noise: Record<string, number> = {};
  private readonly subjectBy: Record<string, number> = {};

  row(channel: string, t: Omit<TruthRow, 'row'>): void {
    bump(this.perChannel, channel);
    bump(this.subjectBy, t.subjectBy);
    for (const n of t.noise) bump(this.noise, n);
    if (!t.valid) {
      this.invalid++;
      bump(this.invalidByKind, t.invalidKind!);
    }
  }

  disclosure(copies: number, validCopies: number, conflict: ConflictField | null): void {
    this.disclosures++;
    if (copies > 1) this.withCopies++;
    this.pairs += (validCopies * (validCopies - 1)) / 2;
    if (conflict) {
      this.conflicts++;
      bump(this.conflictsByField, conflict);
    }
  }

  summary(base: { seed: number; rowsRequested: number; rows: number; subjects: number; rates: Record<string, number>; files: FileSummary[] }): Summary {
    const sorted = (m: Record<string, number>): Record<string, number> =>
      Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      seed: base.seed, rowsRequested: base.rowsRequested, rows: base.rows, subjects: base.subjects,
      disclosures: this.disclosures, files: base.files, rowsPerChannel: sorted(this.perChannel),
      duplicatePairsExpected: this.pairs, disclosuresWithCopies: this.withCopies,
      conflictsPlanted: this.conflicts, conflictsByField: sorted(this.conflictsByField),
      invalidRows: this.invalid, invalidByKind: sorted(this.invalidByKind),
      noise: sorted(this.noise), subjectBy: sorted(this.subjectBy), rates: base.rates,
    };
  }
}
