// One worksheet of an .xlsx, streamed with exceljs's worksheet reader: rows are parsed as they are
// read, never the whole workbook. The zip is ours (zip.ts: parts found through its directory,
// inflated only as read, bounded, never spilled to disk) and so is the shared-string table
// (shared-strings.ts); exceljs parses the workbook, its relationships and styles, and the rows.
// exceljs 4.4's rough edges are handled here:
// - it decodes each chunk on its own, so a Chinese character cut by a chunk boundary turns into
//   U+FFFD (exceljs issues #2063, #2084): every part is decoded as a stream before it sees it;
// - a formula whose cached result is an error (#N/A) comes out as NaN; error cells are marked
//   as text cells so their text survives.
// Before a row is given, the sheet's part is inflated once in full and discarded, only counted: a
// zip bomb is refused when the workbook is opened (at upload, before any batch exists), whatever its
// directory declares, and not rows later in the receive step.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Row } from 'exceljs';
import { refuse, size } from './limits.ts';
import type { Where, XlsxLimits } from './limits.ts';
import { DTD, readSharedStrings, tagTooLong } from './shared-strings.ts';
import { XmlScanner, tagName } from './xml-scan.ts';
import { WorkbookZip, ZipFormatError } from './zip.ts';
import type { Budget, ZipEntry } from './zip.ts';

// The parts of exceljs 4.4's reader used below; its typings do not declare them.
interface ReaderInternals {
  model?: { sheets?: Array<{ rId?: string; state?: string; name?: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }>;
}

export interface FirstSheet {
  rows: AsyncIterator<Row>;
  /** False when the workbook has no such visible tab (its rows are then empty). */
  found: boolean;
  /** The tab's name, for messages. */
  name: string;
  date1904: boolean;
  close(): Promise<void>;
}

export interface SheetOptions {
  limits: XlsxLimits;
  where: Where;
  onProgress?: () => void;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/i;
const MiB = 1024 * 1024;

/** The part number (xl/worksheets/sheetN.xml) and name of the nth visible tab (0 = the first): tabs
 * can be reordered, and a chart sheet is not a table (the next visible tab is). */
function visibleTab(r: ReaderInternals, nth: number): { no: string; name: string } | undefined {
  let seen = 0;
  for (const s of r.model?.sheets ?? []) {
    if (s.state === 'hidden' || s.state === 'veryHidden') continue;
    const target = r.workbookRels?.find((rel) => rel.Id === s.rId)?.Target;
    const n = target?.match(/(?:^|\/)worksheets\/sheet(\d+)\.xml$/)?.[1];
    if (n && seen++ === nth) return { no: n, name: s.name ?? `sheet${n}` };
  }
  return undefined;
}

const ERROR_CELL = /(<c\s[^>]*?\bt=)(["'])e\2/g;

/** Sheet XML decoded across chunk boundaries, error cells turned into text cells. */
async function* sheetXml(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    // A tag cut by the boundary waits for the next chunk, so the replacement sees it whole.
    const open = text.lastIndexOf('<');
    const end = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    carry = text.slice(end);
    if (end > 0) yield text.slice(0, end).replace(ERROR_CELL, '$1$2str$2');
  }
  const rest = carry + decoder.decode();
  if (rest) yield rest.replace(ERROR_CELL, '$1$2str$2');
}

/** Column number of a cell reference's letters ("AB12" → 28). */
const columnOf = (ref: string): number => [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * The sheet's XML bytes, checked before exceljs buffers them: a cell's text, a row's bytes and
 * tags, any tag; a DTD is refused. It ends at </sheetData>: what follows (merges, validations,
 * drawings) is not read, however large.
 */
async function* guardedSheet(chunks: AsyncIterable<Buffer>, part: string, sheet: string, o: SheetOptions): AsyncGenerator<Buffer> {
  const { limits, where } = o;
  const textCap = limits.maxCellBytes * 6 + 64;
  const rowCap = limits.maxColumns * (limits.maxCellBytes + 1024) + 64 * 1024;
  const rowTagCap = limits.maxColumns * 64 + 1024;
  let inData = false;
  let row = 0;
  let column: number | undefined;
  let run = 0;
  let rowBytes = 0;
  let rowTags = 0;
  let outsideTags = 0;
  let inCell = false;
  // Inside a cell, a long run is its text; outside, padding no writer makes (saxes would still hold it).
  const tooLarge = () => (inCell
    ? refuse.cellTooLarge(where, sheet, row, column, limits.maxCellBytes)
    : refuse.badXml(where, part, { zh: `第 ${row} 行附近的标签之间有超过 ${size(textCap)} 的文字`, en: `more than ${size(textCap)} of text between tags near row ${row}` }));
  const scanner = new XmlScanner({
    text(_chunk, start, end) { run += end - start; if (run > textCap) throw tooLarge(); },
    cdata(b) { if (b.length > textCap) throw tooLarge(); },
    tag(head, selfClosing) {
      run = 0;
      if (head.startsWith('!')) throw refuse.badXml(where, part, DTD);
      const name = tagName(head);
      if (!inData) {
        // Before the rows: columns, views, panes. A few thousand at most in a real sheet.
        if (++outsideTags > 200_000) throw refuse.badXml(where, part, { zh: '行数据之前的标签过多', en: 'too many tags before its rows' });
        if (name === 'sheetData') inData = !selfClosing;
        return name === 'sheetData' && selfClosing;
      }
      if (name === '/sheetData') return true;
      if (name === 'row') {
        row = Number(/\br="(\d+)"/.exec(head)?.[1] ?? row + 1);
        rowBytes = 0;
        rowTags = 0;
        column = undefined;
      } else if (name === 'c') {
        const ref = /\br="([A-Z]{1,4})\d*"/.exec(head)?.[1];
        column = ref ? columnOf(ref) : (column ?? 0) + 1;
        inCell = !selfClosing;
      } else if (name === '/c') {
        inCell = false;
      }
      if (++rowTags > rowTagCap) throw refuse.rowTooLarge(where, sheet, row, rowCap);
    },
    tagTooLong: (head) => refuse.badXml(where, part, tagTooLong(head)),
  }, MiB);
  for await (const chunk of chunks) {
    if (inData) {
      rowBytes += chunk.length;
      if (rowBytes > rowCap + chunk.length) throw refuse.rowTooLarge(where, sheet, row, rowCap);
    }
    const stop = scanner.feed(chunk);
    if (stop >= 0) {
      yield chunk.subarray(0, stop);
      return;
    }
    yield chunk;
  }
}

/** A small part (workbook, relationships, styles) for exceljs: bounded, decoded, no DTD. */
function metaPart(zip: WorkbookZip, entry: ZipEntry, o: SheetOptions): Readable {
  async function* checked(): AsyncGenerator<string> {
    const scanner = new XmlScanner({
      text: () => undefined,
      cdata: () => undefined,
      tag(head) { if (head.startsWith('!')) throw refuse.badXml(o.where, entry.name, DTD); },
      tagTooLong: (head) => refuse.badXml(o.where, entry.name, tagTooLong(head)),
    }, MiB);
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of zip.inflate(entry, o.limits.maxMetaPartBytes)) {
      scanner.feed(chunk);
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  return Readable.from(checked());
}

/** The nth visible worksheet (0, the first, by default); `found` is false when there is no such tab. */
export async function openFirstSheet(filePath: string, nth: number, o: SheetOptions): Promise<FirstSheet> {
  const budget: Budget = { limits: o.limits, where: o.where, inflated: 0, onProgress: o.onProgress, lastProgress: Date.now() };
  const zip = await WorkbookZip.open(filePath, budget);
  let rows: AsyncIterator<Row> = (async function* () {})();
  try {
    // The reader is used for its part parsers only: its own zip walk is never started.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
    });
    const internals = reader as unknown as ReaderInternals;
    // A zip without a workbook part (a .docx, an archive) renamed .xlsx.
    const book = zip.find('xl/workbook.xml');
    if (!book) throw new ZipFormatError('not an Excel workbook: the zip holds no xl/workbook.xml');
    const rels = zip.find('xl/_rels/workbook.xml.rels');
    if (rels) await internals._parseRels(metaPart(zip, rels, o));
    await internals._parseWorkbook(metaPart(zip, book, o));
    const styles = zip.find('xl/styles.xml');
    if (styles) await internals._parseStyles(metaPart(zip, styles, o));
    const sst = zip.find('xl/sharedStrings.xml');
    const sstMax = Math.min(o.limits.maxSharedStringBytes, o.limits.maxInflatedBytes);
    internals.sharedStrings = sst
      ? await readSharedStrings(zip.inflate(sst, sstMax, refuse.sharedStringBytes), sst.name, o.limits, o.where)
      : [];

    // Without a tab to go by (no relationships), the first worksheet in the zip.
    const first = zip.entries.find((e) => SHEET_PART.test(e.name));
    const firstNo = first && SHEET_PART.exec(first.name)![1]!;
    const tab = visibleTab(internals, nth) ?? (nth === 0 && firstNo ? { no: firstNo, name: `sheet${firstNo}` } : undefined);
    const part = tab && zip.find(`xl/worksheets/sheet${tab.no}.xml`);
    if (part) {
      for await (const _ of zip.inflate(part, o.limits.maxInflatedBytes, refuse.partTooLarge, { count: false })) { /* measured only */ }
      const xml = sheetXml(guardedSheet(zip.inflate(part, o.limits.maxInflatedBytes), part.name, tab.name, o));
      const reader = internals._parseWorksheet(xml, tab.no).next().value!.value;
      rows = reader[Symbol.asyncIterator]();
    }
    let closed = false;
    return {
      rows,
      found: tab !== undefined,
      name: tab?.name ?? '',
      date1904: internals.properties?.model?.date1904 === true,
      async close() {
        if (closed) return;
        closed = true;
        // Ends the generators down to the inflater, whose streams are destroyed; nothing is on disk.
        await rows.return?.().catch(() => undefined);
        await zip.close();
      },
    };
  } catch (e) {
    await rows.return?.().catch(() => undefined);
    await zip.close();
    throw e;
  }
}
