// Maps an upload's header row to a dataset's fields. Agencies write the standard's Chinese names
// with full-width or ASCII parentheses, the column codes (CF_XDR_MC), our field names or local
// aliases; all of them are compared after folding width, parentheses, spaces and case.
import { toHalfWidth } from '../codes/normalize.ts';
import type { DatasetDefinition, FieldDefinition } from '../dataset.ts';

// What templates add to a column's name that is not its name: a required mark (*行政相对人名称, ※),
// a note in brackets ((必填), (选填)), a column number in front (1.、（一）).
const MARKS = /[*★☆※]/g;
const NOTE = /\((必填|选填|非必填|可选|可不填|必填项|选填项|可为空)\)/g;
const NUMBERING = /^(\d{1,2}[.、)]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))/;

export function foldHeader(h: string): string {
  return toHalfWidth(h.replace(/^\uFEFF/, ''))
    .replace(/[\s_\-]+/g, '')
    .replace(/[（【〔［\[]/g, '(').replace(/[）】〕］\]]/g, ')')
    .replace(MARKS, '').replace(NOTE, '').replace(NUMBERING, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** For each column of the file, the field it carries, or null when it is not recognised. */
  columns: (string | null)[];
  missingRequired: FieldDefinition[];
  unknown: string[];
  /** Fields named by more than one column. */
  duplicated: string[];
}

const indexes = new WeakMap<DatasetDefinition, Map<string, string>>();

function headerIndex(def: DatasetDefinition): Map<string, string> {
  let index = indexes.get(def);
  if (!index) {
    index = new Map();
    for (const f of def.fields) {
      for (const name of [f.name, f.zh, f.en, f.column, ...f.aliases]) index.set(foldHeader(name), f.name);
      // "罚款金额（万元）" is often sent as "罚款金额": the name without its parenthesised unit.
      const bare = foldHeader(f.zh).replace(/\(.*\)$/, '');
      if (!index.has(bare)) index.set(bare, f.name);
      // "罚款金额（元）": the same column in yuan (yuanColumns says so, and clean converts).
      if (f.kind === 'amount') index.set(`${bare}(元)`, f.name);
    }
    indexes.set(def, index);
  }
  return index;
}

export function mapHeaders(def: DatasetDefinition, headers: readonly string[]): HeaderMapping {
  const index = headerIndex(def);
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const unknown: string[] = [];
  const columns = headers.map((h) => {
    const field = index.get(foldHeader(h)) ?? null;
    if (field === null) {
      if (h.trim() !== '') unknown.push(h);
    } else if (seen.has(field)) {
      duplicated.push(field);
      return null;
    } else {
      seen.add(field);
    }
    return field;
  });
  const missingRequired = def.fields.filter((f) => def.requiredFields.includes(f.name) && !seen.has(f.name));
  return { columns, missingRequired, unknown, duplicated };
}

/** Fields two or more columns of a header name (after folding: 行政相对人名称 and CF_XDR_MC are one
 * field), with those columns (0-based) as written: an upload cannot say which of them to read. */
export function duplicateColumns(def: DatasetDefinition, headers: readonly string[]): Array<{ field: string; columns: Array<{ at: number; name: string }> }> {
  const index = headerIndex(def);
  const byField = new Map<string, Array<{ at: number; name: string }>>();
  headers.forEach((h, at) => {
    const field = index.get(foldHeader(h));
    if (field) byField.set(field, [...(byField.get(field) ?? []), { at, name: h }]);
  });
  return [...byField].filter(([, cols]) => cols.length > 1).map(([field, columns]) => ({ field, columns }));
}

/** The dataset whose fields a header row fits best, when it fits one completely (no required
 * column missing): lets an upload to the wrong dataset be told which one it looks like. */
export function bestFittingDataset(defs: readonly DatasetDefinition[], headers: readonly string[]): DatasetDefinition | undefined {
  let best: { def: DatasetDefinition; matched: number } | undefined;
  for (const def of defs) {
    const m = mapHeaders(def, headers);
    const matched = m.columns.filter((c) => c !== null).length;
    if (!m.missingRequired.length && matched > (best?.matched ?? 0)) best = { def, matched };
  }
  return best?.def;
}

/** Amount fields whose column header names 元 rather than the standard's 万元 (罚款金额（元）): a
 * bare number there is in yuan, and clean converts it (domain/clean/clean-row.ts). */
export function yuanColumns(def: DatasetDefinition, headers: readonly string[]): string[] {
  const { columns } = mapHeaders(def, headers);
  return headers.flatMap((h, i) => {
    const field = columns[i];
    const kind = field ? def.fields.find((f) => f.name === field)?.kind : undefined;
    return kind === 'amount' && /\(元\)$/.test(foldHeader(h)) ? [field!] : [];
  });
}
