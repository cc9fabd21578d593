// A record's values as the cells of a line, in the order of the header (the keys of all records,
// as each first appears). The scanner has checked the record and quoted its numbers, so every
// number arrives as the text written in the file: 1.10 stays "1.10", 91120101300010016 keeps all
// its digits. What else a value may be, and why:
// - a text as it is; true/false as "true"/"false"; null, or a key the record lacks, as an empty cell
//   (the pipeline treats both as "not given", as it does an empty CSV cell);
// - a list of texts or numbers joined with "；": exported systems write several 处罚类别 as a list,
//   the standard writes them in one cell, and the clean rule for penalty types splits on "；". Nulls
//   and empty texts in a list are no items and are left out;
// - a nested object, or a list holding objects or lists, is refused by the scanner: flattening it
//   into "a.b" columns would invent columns no dataset has and hide what the agency's system sent.
import type { ScannedRecord } from './scan.ts';

export const LIST_SEPARATOR = '；';

function cell(v: unknown, key: string, at: ScannedRecord): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== '').map((x) => cell(x, key, at)).join(LIST_SEPARATOR);
  // The scanner refuses nested values before any record is read: reaching here is our bug.
  throw new Error(`record ${at.record} (line ${at.line}): key ${key} holds a nested value the scanner let through`);
}

export function cellsOf(rec: ScannedRecord, header: readonly string[]): string[] {
  const values = JSON.parse(rec.text!) as Record<string, unknown>;
  return header.map((key) => cell(Object.hasOwn(values, key) ? values[key] : undefined, key, rec));
}
