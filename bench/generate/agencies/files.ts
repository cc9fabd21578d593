// The agencies mode's per-file part: each file's habits, the lines above its header and below its
// data. dataset.ts calls these only in that mode, so the default mode's bytes never change.
import type { FileSpec } from '../channels.ts';
import type { Rates } from '../rates.ts';
import { footerLines, preambleLines } from './layout.ts';
import { habitsFor } from './habits.ts';
import type { Habits } from './habits.ts';

/** Rates the mode starts from (callers' overrides still win): more natural persons, whose IDs
 *  the mode varies, and the default's other rates. */
export const AGENCY_RATES: Partial<Rates> = { naturalPerson: 0.08 };

export interface AgencyFile {
  habits: Habits;
  above: number;
  below: number;
}

export function agencyFile(seed: number, spec: FileSpec): { file: AgencyFile; lines: string[] } {
  const habits = habitsFor(seed, spec);
  const lines = preambleLines(spec, habits);
  return { file: { habits, above: lines.length, below: 0 }, lines };
}

/** The header's cells, with 序号 first when the office numbers its rows. */
export const headerCells = (spec: FileSpec, f: AgencyFile | null): readonly string[] =>
  (f?.habits.serial ? ['序号', ...spec.headers] : spec.headers);

/** A data row's cells, numbered when the office numbers its rows (row = data row, from 1). */
export const dataCells = (f: AgencyFile | null, row: number, cells: string[]): string[] =>
  (f?.habits.serial ? [String(row), ...cells] : cells);

/** The footer, dated after the last decision the generator makes (2025-12-31). */
export function agencyFooter(spec: FileSpec, f: AgencyFile, rows: number): string[] {
  const lines = footerLines(spec, f.habits, rows, '2026年1月5日');
  f.below = lines.length;
  return lines;
}
