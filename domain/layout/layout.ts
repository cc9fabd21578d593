// The layout of an agency's extract: which line is the header, and what the lines around the data
// are. Government templates carry a title (often a merged cell), a unit or period line, notes and
// blank lines above the header, and totals, signatures and notes below the data. Pure: the
// pipeline feeds it lines (catalog/layout-rows.ts), the connectors know nothing of it.
import type { DatasetDefinition } from '../dataset.ts';
import { mapHeaders } from './headers.ts';

/** How many non-blank lines from the top may hold the header. */
export const HEAD_LINES = 30;
/** Fewer mapped columns than this is a coincidence, not a header. */
export const MIN_HEADER_FIELDS = 2;

export interface LayoutLine { index: number; line: number; cells: readonly string[] }

export type SkipKind = 'blank' | 'title' | 'unit' | 'note' | 'header' | 'other' | 'total' | 'signature' | 'footnote';

export interface SkippedLine {
  /** Physical line in the file. */
  line: number;
  kind: SkipKind;
  /** The line's text, shortened, for a clerk to recognise it. */
  text: string;
}

export interface HeaderChoice {
  index: number;
  line: number;
  /** The header's cells, trimmed. */
  headers: string[];
  /** How many of the dataset's fields the header names. */
  matched: number;
  /** Lines above the header, in file order, blank ones included. */
  above: SkippedLine[];
}

export const KIND_LABELS: Record<SkipKind, { zh: string; en: string }> = {
  blank: { zh: '空行', en: 'blank line' },
  title: { zh: '标题行', en: 'title line' },
  unit: { zh: '填报单位、计量单位或统计时间行', en: 'reporting unit, unit of measure or period line' },
  note: { zh: '表头上方的注释或说明', en: 'note above the header' },
  header: { zh: '另一行表头（如中文名一行、列代码一行）', en: 'another header line (e.g. Chinese names above column codes)' },
  other: { zh: '表头上方的其他内容', en: 'other text above the header' },
  total: { zh: '合计行', en: 'total line' },
  signature: { zh: '填报人、审核人或日期行', en: 'filled-by, checked-by or date line' },
  footnote: { zh: '表尾注释或备注', en: 'note below the data' },
};

const nonEmpty = (cells: readonly string[]): string[] => cells.map((c) => c.trim()).filter((c) => c !== '');

/** The line's text as a clerk would read it: its non-empty cells, shortened. */
export function lineText(cells: readonly string[], max = 40): string {
  const text = [...new Set(nonEmpty(cells))].join(' | ').replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const NOTE = /^(注|说明|备注|附注)\s*[0-9０-９一二三四五六七八九十]*\s*[:：]/;
const UNIT = /^(填报|报送|制表|统计|数据)?(单位|部门|机关)\s*[:：]|^(计量|金额)单位\s*[:：]|^(统计|报送|填报|制表|数据)?(时间|日期|期间|截止|截至)\s*[:：]|^(数据)?截[至止]/;
const TOTAL = /^(合\s*计|总\s*计|小\s*计)/;
const SIGNATURE = new RegExp('^(填报人|填表人|审核人|审批人|负责人|单位负责人|部门负责人|制表人|经办人|联系人|复核人|' +
  '填报日期|填表日期|制表日期|报送日期|审核日期|联系电话|电话|填报单位)\\s*[:：]');

/** What a line above the header is; blank lines are found from the gaps between lines. */
export function classifyAbove(cells: readonly string[]): SkipKind {
  const texts = nonEmpty(cells);
  if (texts.some((t) => NOTE.test(t))) return 'note';
  if (texts.some((t) => UNIT.test(t))) return 'unit';
  // One text, maybe repeated across a merged title cell that some tools fill in every column.
  if (new Set(texts).size === 1) return 'title';
  return 'other';
}

/** What a line after the data is when it looks like a footer: few cells, the first one a total,
 * a signature or date line, or a note. Undefined for a line that looks like data. */
export function footerKind(cells: readonly string[], width: number): SkipKind | undefined {
  const texts = nonEmpty(cells);
  if (!texts.length || texts.length > Math.max(3, Math.floor(width / 2))) return undefined;
  const first = texts[0]!;
  if (TOTAL.test(first)) return 'total';
  if (SIGNATURE.test(first)) return 'signature';
  if (NOTE.test(first)) return 'footnote';
  return undefined;
}

/** Blank records between two lines, as skipped lines (a blank record is one physical line). */
function blanksBefore(prev: LayoutLine | undefined, next: LayoutLine): SkippedLine[] {
  const from = prev ? prev.index + 1 : 1;
  const out: SkippedLine[] = [];
  for (let i = from; i < next.index; i++) out.push({ line: next.line - (next.index - i), kind: 'blank', text: '' });
  return out;
}

/** The best plausible header among the first lines: the line naming the most of the dataset's
 * fields (at least MIN_HEADER_FIELDS), the earliest on a tie. Undefined when none is plausible. */
export function detectHeader(def: DatasetDefinition, lines: readonly LayoutLine[]): HeaderChoice | undefined {
  let best: { at: number; matched: number } | undefined;
  lines.slice(0, HEAD_LINES).forEach((l, at) => {
    const matched = mapHeaders(def, l.cells.map((c) => c.trim())).columns.filter((c) => c !== null).length;
    if (matched >= MIN_HEADER_FIELDS && matched > (best?.matched ?? 0)) best = { at, matched };
  });
  if (!best) return undefined;
  // National templates often give the names and the column codes as two header lines (行政相对人名称
  // over CF_XDR_MC): the last of consecutive lines naming the same fields is the header, so the other
  // is not read as a data row and refused.
  const fieldsOf = (l: LayoutLine) => mapHeaders(def, l.cells.map((c) => c.trim())).columns.join('|');
  const first = best.at;
  while (best.at + 1 < lines.length && fieldsOf(lines[best.at + 1]!) === fieldsOf(lines[first]!)) best = { at: best.at + 1, matched: best.matched };
  const header = lines[best.at]!;
  const above: SkippedLine[] = [];
  lines.slice(0, best.at).forEach((l, i) => {
    const kind = i >= first ? 'header' : classifyAbove(l.cells);
    above.push(...blanksBefore(lines[i - 1], l), { line: l.line, kind, text: lineText(l.cells) });
  });
  above.push(...blanksBefore(lines[best.at - 1], header));
  return { index: header.index, line: header.line, headers: header.cells.map((c) => c.trim()), matched: best.matched, above };
}

/** The first lines a refusal shows, each shortened: "第 1 行「…」" / "line 1 "…"". */
export function firstLinesShown(lines: readonly LayoutLine[], count = 5): { zh: string; en: string } {
  const shown = lines.slice(0, count).map((l) => ({ line: l.line, text: lineText(l.cells, 30) }));
  return {
    zh: shown.map((l) => `第 ${l.line} 行「${l.text}」`).join('；'),
    en: shown.map((l) => `line ${l.line} "${l.text}"`).join('; '),
  };
}

/** What a batch records of its file's layout (batches.layout). */
export interface BatchLayout {
  header: { index: number; line: number };
  /** The workbook sheet the data is on (0, the first visible, when absent): a 填报说明 sheet may come first. */
  sheet?: number;
  /** A text file's delimiter when its header line is not comma-separated (tab, ; or |): the header
   * chooses it, never the data. Absent: the standard's comma. */
  delimiter?: string;
  /** Lines above the header (found on upload). */
  above: SkippedLine[];
  /** Trailing footer lines (found on receipt: the upload reads only the head). */
  footers?: SkippedLine[];
  /** Where a CSV row starts past header line + row number (multi-line cells before it):
   * [row number, extra lines] from that row on. Empty for a sheet. */
  lineShifts?: Array<[number, number]>;
  /** False when there were too many shifts to keep: lines after the last one are approximate. */
  lineShiftsComplete?: boolean;
}

/** The physical line of data row rowNo. */
export function lineOf(layout: BatchLayout, rowNo: number): number {
  let extra = 0;
  for (const [from, shift] of layout.lineShifts ?? []) {
    if (from > rowNo) break;
    extra = shift;
  }
  return layout.header.line + rowNo + extra;
}
