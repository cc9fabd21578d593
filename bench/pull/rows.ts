// The rows every source of the pull benchmark holds: the benchmark's own generated penalties
// (bench/generate, default mode, reused from bench/out/gen-<rows>-<seed>/ when there), read back
// from its files so that values, noise and invalid rows are those the upload benchmark sends.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIELDS, FIELD_NAMES, FILE_SPECS, csvLine } from '../generate/channels.ts';
import { generateDataset } from '../generate/dataset.ts';
import { readCsvFile } from '../generate/read-back.ts';

/** Column codes as the sources name their columns (the dataset's codes, lower case, as a DBA writes them). */
export const COLUMNS = FIELD_NAMES.map((f) => FIELDS[f][1].toLowerCase());
const ZH_HEADERS = FIELD_NAMES.map((f) => FIELDS[f][0]);

export interface GeneratedRows {
  genDir: string;
  /** Cells in FIELD_NAMES order. */
  rows: string[][];
  generateSeconds: number;
}

export async function generatedRows(outDir: string, rows: number, seed: number, log: (l: string) => void): Promise<GeneratedRows> {
  const genDir = path.join(outDir, `gen-${rows}-${seed}`);
  let generateSeconds = 0;
  if (!existsSync(path.join(genDir, 'truth-summary.json'))) {
    log(`generating ${rows} rows (seed ${seed}) into ${genDir}…`);
    const t = Date.now();
    await generateDataset({ rows, seed, outDir: genDir });
    generateSeconds = (Date.now() - t) / 1000;
  }
  const all: string[][] = [];
  for (const spec of FILE_SPECS) {
    const lines = await readCsvFile(path.join(genDir, spec.file), spec.encoding);
    const at = lines.findIndex((r) => r.join() === spec.headers.join());
    if (at < 0) throw new Error(`${spec.file}: header not found (expected the ${spec.channel} header)`);
    for (const r of lines.slice(at + 1)) all.push(FIELD_NAMES.map((_, k) => r[k] ?? ''));
  }
  return { genDir, rows: all, generateSeconds };
}

/** The same rows as one CSV an agency uploads: the standard's Chinese headers, UTF-8. Line ends
 * are the caller's: the same rows with other line ends are another file, hence another batch. */
export function writeUploadCsv(file: string, rows: string[][], eol: '\n' | '\r\n'): void {
  writeFileSync(file, [csvLine(ZH_HEADERS, eol), ...rows.map((r) => csvLine(r, eol))].join(''));
}

/** A row as a source record: column code → value. */
export const recordOf = (cells: string[]): Record<string, string> => Object.fromEntries(COLUMNS.map((c, k) => [c, cells[k] ?? '']));

/** The incremental change: every hundredth row (1 %) gets a remark, as a correction at the source would. */
export const CHANGE_EVERY = 100;
export const CHANGED_REMARK = '基准测试更正 / corrected for the benchmark';
