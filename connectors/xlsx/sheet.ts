// The first worksheet of an .xlsx, streamed with exceljs's WorkbookReader: rows are parsed as
// they are read, never the whole workbook. exceljs 4.4's rough edges are handled here:
// - it decodes each zip chunk on its own, so a Chinese character cut by a chunk boundary turns
//   into U+FFFD (exceljs issues #2063, #2084); shared strings and sheet XML are decoded as streams;
// - a formula whose cached result is an error (#N/A) comes out as NaN; error cells are marked
//   as text cells so their text survives;
// - when a worksheet precedes the shared strings in the zip (Excel's and exceljs's own order),
//   exceljs parks it in a temp file, deleted only as its iterator finishes: close() finishes it.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Row } from 'exceljs';

// The parts of exceljs 4.4's reader used below; its typings do not declare them.
interface ReaderInternals {
  model?: { sheets?: Array<{ rId?: string; state?: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  properties?: { model?: { date1904?: boolean } };
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  on(event: 'entry', listener: (e: { type: string; id?: string }) => void): unknown;
}
type SheetReader = AsyncIterable<Row> & { iterator: AsyncIterable<Buffer | string> };

export interface FirstSheet {
  rows: AsyncIterator<Row>;
  /** False when the workbook has no such visible tab (its rows are then empty). */
  found: boolean;
  date1904: boolean;
  close(): Promise<void>;
}

/** The file (xl/worksheets/sheetN.xml) of the nth visible tab (0 = the first): tabs can be
 * reordered, and a chart sheet is not a table (the next visible tab is). */
function visibleTab(r: ReaderInternals, nth: number): string | undefined {
  let seen = 0;
  for (const s of r.model?.sheets ?? []) {
    if (s.state === 'hidden' || s.state === 'veryHidden') continue;
    const target = r.workbookRels?.find((rel) => rel.Id === s.rId)?.Target;
    const n = target?.match(/(?:^|\/)worksheets\/sheet(\d+)\.xml$/)?.[1];
    if (n && seen++ === nth) return n;
  }
  return undefined;
}

const ERROR_CELL = /(<c\s[^>]*?\bt=)(["'])e\2/g;

/** Sheet XML decoded across chunk boundaries, error cells turned into text cells. */
async function* sheetXml(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    // A tag cut by the boundary waits for the next chunk, so the replacement sees it whole.
    const open = text.lastIndexOf('<');
    const end = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    carry = text.slice(end);
    if (end > 0) yield text.slice(0, end).replace(ERROR_CELL, '$1$2str$2');
  }
  const rest = carry + decoder.decode();
  if (rest) yield rest.replace(ERROR_CELL, '$1$2str$2');
}

/** A sheet that is not read: its temp file stream (if any) is closed, exceljs drains the rest. */
function skip(sheet: SheetReader): void {
  if (sheet.iterator instanceof Readable) {
    // exceljs deletes the temp file as soon as this iterator ends, which on a busy machine can be
    // before the stream has opened it: that open's ENOENT belongs to a stream nobody reads, and
    // unhandled it would bring the process down.
    sheet.iterator.on('error', () => undefined);
    sheet.iterator.destroy();
  }
}

/**
 * A zip ends with its directory (the end record and a comment of at most 64 KiB). exceljs waits
 * forever on a zip cut short, as an interrupted copy leaves it: such a file is refused first.
 */
async function assertWholeZip(filePath: string): Promise<void> {
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
    await fh.read(tail, 0, tail.length, size - tail.length);
    if (tail.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')) < 0) throw new Error('incomplete zip: the file is cut short');
  } finally {
    await fh.close();
  }
}

/** The nth visible worksheet (0, the first, by default); `found` is false when there is no such tab. */
export async function openFirstSheet(filePath: string, nth = 0): Promise<FirstSheet> {
  await assertWholeZip(filePath);
  const input = createReadStream(filePath);
  let inputError: unknown;
  input.on('error', (e) => { inputError = e; });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  const internals = reader as unknown as ReaderInternals;
  const parseSharedStrings = internals._parseSharedStrings;
  internals._parseSharedStrings = (entry) => parseSharedStrings.call(reader, entry.setEncoding('utf8'));
  let sheetNo: string | undefined;
  internals.on('entry', (e) => { if (e.type === 'worksheet') sheetNo = e.id; });

  const sheets = reader[Symbol.asyncIterator]() as AsyncGenerator<unknown>;
  let rows: AsyncIterator<Row> = (async function* () {})();
  let wanted: string | undefined;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = next.value as SheetReader;
      wanted ??= visibleTab(internals, nth) ?? (nth === 0 ? sheetNo : '(none)');
      if (sheetNo !== wanted) { skip(sheet); continue; }
      sheet.iterator = sheetXml(sheet.iterator);
      rows = sheet[Symbol.asyncIterator]();
      break;
    }
    if (inputError) throw inputError;
    // A zip without a workbook part (a .docx, an archive) renamed .xlsx.
    if (!wanted && !internals.model) throw new Error('not an Excel workbook: the zip holds no xl/workbook.xml');
  } catch (e) {
    input.destroy();
    throw e;
  }

  let closed = false;
  return {
    rows,
    found: wanted !== '(none)',
    date1904: internals.properties?.model?.date1904 === true,
    async close() {
      if (closed) return;
      closed = true;
      await rows.return?.();
      if (!input.readableEnded) {
        // Stopped half-way through the zip: nothing was parked in temp files yet.
        await sheets.return(undefined);
        input.destroy();
        return;
      }
      // The whole zip was read: finishing exceljs's iterator deletes its temp files.
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) skip(next.value as SheetReader);
    },
  };
}
