// Reads a source's lines with a known layout: the head the upload inspects, and the data rows
// after the header for receipt. Footer-like lines are held back while streaming: only trailing
// ones are footers; any followed by a data line were data after all and come out as rows.
import type { SourceLine, SourceRow } from './source-line.ts';
import { footerKind, HEAD_LINES, lineText } from './layout.ts';
import type { SkippedLine } from './layout.ts';

/** A footer is a few lines: a longer run of footer-like lines is data (and memory stays bounded). */
const MAX_FOOTER_LINES = 50;
/** Shifts kept per batch (a few bytes each); a file with more keeps the first ones only. */
const MAX_LINE_SHIFTS = 5_000;

/** The first non-blank lines, where the header must be. Read with next(), not for-await: leaving
 * a for-await loop would close the generator, and the caller may read on after the head. */
export async function readHeadLines(lines: AsyncIterator<SourceLine>, max = HEAD_LINES): Promise<SourceLine[]> {
  const head: SourceLine[] = [];
  while (head.length < max) {
    const next = await lines.next();
    if (next.done) break;
    head.push(next.value);
  }
  return head;
}

export interface DataRows {
  rows: AsyncGenerator<SourceRow>;
  /** Filled once rows are read to the end. */
  footers: SkippedLine[];
  lineShifts: Array<[number, number]>;
  lineShiftsComplete: boolean;
}

/** The rows after the header line (record `index`), trailing footers left out, and the header
 * itself where a print-layout export repeats it on every page (listed with the footers, kind
 * header). Rows of a sheet are padded to the header's width (a sheet stores no trailing empty cells). */
export function dataRows(lines: AsyncIterable<SourceLine>, header: { index: number; line: number; width: number; cells?: readonly string[] },
  gridded: boolean): DataRows {
  const out: DataRows = { rows: generate(), footers: [], lineShifts: [], lineShiftsComplete: true };
  let extra = 0;
  // Compared as a clerk sees them: trimmed, trailing empty cells ignored (a sheet drops them).
  const textOf = (cells: readonly string[]): string => cells.map((c) => c.trim()).join('\u0000').replace(/\u0000+$/, '');
  const headerText = header.cells && textOf(header.cells);
  const headerFirst = header.cells?.[0]?.trim() ?? '';
  // The first cell decides for nearly every line before the whole text is built (millions of rows).
  const repeatsHeader = (cells: readonly string[]): boolean =>
    headerText !== undefined && headerText !== '' && (cells[0]?.trim() ?? '') === headerFirst && textOf(cells) === headerText;
  function toRow(l: SourceLine): SourceRow {
    const rowNo = l.index - header.index;
    const shift = l.line - header.line - rowNo;
    if (shift !== extra) {
      extra = shift;
      if (out.lineShifts.length < MAX_LINE_SHIFTS) out.lineShifts.push([rowNo, shift]);
      else out.lineShiftsComplete = false;
    }
    const cells = gridded && l.cells.length < header.width
      ? [...l.cells, ...new Array<string>(header.width - l.cells.length).fill('')] : l.cells;
    return { rowNo, line: l.line, cells };
  }
  async function* generate(): AsyncGenerator<SourceRow> {
    const held: Array<{ l: SourceLine; kind: NonNullable<ReturnType<typeof footerKind>> }> = [];
    for await (const l of lines) {
      if (l.index <= header.index) continue;
      if (repeatsHeader(l.cells)) {
        if (out.footers.length < MAX_FOOTER_LINES) out.footers.push({ line: l.line, kind: 'header', text: lineText(l.cells) });
        continue;
      }
      const kind = footerKind(l.cells, header.width);
      if (kind) {
        held.push({ l, kind });
        if (held.length > MAX_FOOTER_LINES) yield toRow(held.shift()!.l);
        continue;
      }
      if (held.length) {
        for (const h of held) yield toRow(h.l);
        held.length = 0;
      }
      yield toRow(l);
    }
    out.footers.push(...held.map(({ l, kind }) => ({ line: l.line, kind, text: lineText(l.cells) })));
  }
  return out;
}
