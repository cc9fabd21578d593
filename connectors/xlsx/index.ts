// XLSX source: streams a visible worksheet of a workbook, the first unless asked (sheet.ts), memory bounded by
// one row plus the workbook's shared-string table, whatever the number of rows. A hostile workbook (a zip
// bomb, millions of shared strings, a cell of megabytes, thousands of columns) is refused as it is read,
// within the limits the caller gives (limits.ts has the defaults).
// Every non-blank row comes out with its sheet row number; the pipeline finds the header among
// them (a title row, often a merged cell, may sit above it). Blank rows are skipped but counted.
// Merged cells: the file holds the value in the top-left cell only, so cells covered by a merge
// come out empty and validation reports them as missing; they are not filled in.
import path from 'node:path';
import type { Row } from 'exceljs';
import { dataError, isCdfError } from '../../domain/errors.ts';
import { HEAD_LINES } from '../../domain/layout/layout.ts';
import type { OpenedSource, SourceConnector, SourceLine } from '../types.ts';
import { cellText } from './cells.ts';
import { refuse, xlsxLimits } from './limits.ts';
import type { Where, XlsxLimits } from './limits.ts';
import { openFirstSheet } from './sheet.ts';
import { checkReadableFile } from '../check.ts';

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/** A damaged or disguised workbook is the sender's to fix: a data error, never retried. */
function unreadable(e: unknown, where?: Where): never {
  // Our own failures (a CdfError) and the system's (a missing file, too many open files) are not the file's.
  if (isCdfError(e) || (e instanceof Error && 'syscall' in e)) throw e;
  const cause = e instanceof Error ? e.message : String(e);
  const name = where ? ` ${where.file}` : '';
  throw dataError('CDF_FILE_FORMAT', {
    zh: `无法读取 Excel 工作簿${name}（${cause}）：文件可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后重新上传`,
    en: `cannot read the Excel workbook${name} (${cause}): the file may be damaged; open it in Excel or WPS, save it as .xlsx and upload it again`,
  }, where && { file: where.file });
}

/** Dense cells up to the last non-empty one, holes and covered merge cells as ''; refused past the
 * column and cell limits. */
function rowCells(row: Row, date1904: boolean, sheet: string, limits: XlsxLimits, where: Where): string[] {
  const found: string[] = [];
  row.eachCell((cell, col) => {
    const text = cellText(cell, date1904);
    if (text === '') return;
    // A cell's bytes in UTF-8 are at most 3 per UTF-16 unit: counted only near the limit.
    if (text.length * 3 > limits.maxCellBytes && Buffer.byteLength(text) > limits.maxCellBytes) {
      throw refuse.cellTooLarge(where, sheet, row.number, col, limits.maxCellBytes);
    }
    found[col - 1] = text;
  });
  // The guard before exceljs (sheet.ts) bounds a row's cells; here the row is counted whole.
  if (found.length > limits.maxColumns) throw refuse.tooManyColumns(where, sheet, row.number, found.length, limits.maxColumns);
  const cells = new Array<string>(found.length);
  for (let i = 0; i < cells.length; i++) cells[i] = found[i] ?? '';
  return cells;
}

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

export const xlsxSource: SourceConnector = {
  kind: 'source',
  id: 'xlsx',
  accepts(fileName, head) {
    // An .xlsx is a zip; anything else named .xlsx (an old .xls, an encrypted workbook) is not.
    return /\.xlsx$/i.test(fileName) && head.subarray(0, 4).equals(ZIP_SIGNATURE);
  },
  check: checkReadableFile,
  async open(filePath, opts = {}): Promise<OpenedSource> {
    const index = opts.sheet ?? 0;
    const limits = xlsxLimits(opts.limits);
    const where: Where = { file: opts.fileName ?? path.basename(filePath) };
    const sheet = await openFirstSheet(filePath, index, { limits, where, onProgress: opts.onProgress }).catch((e: unknown) => unreadable(e, where));
    let lines = 0;
    const next = async (): Promise<SourceLine | undefined> => {
      for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) {
        const cells = rowCells(r.value, sheet.date1904, sheet.name, limits, where);
        if (isBlank(cells)) continue;
        // maxRows counts data rows (the receive step counts them exactly); the header and the
        // title lines above it, at most HEAD_LINES, are not data.
        if (++lines > limits.maxRows + HEAD_LINES) throw refuse.tooManyRows(where, sheet.name, limits.maxRows);
        // A sheet row is one line: its number is both the record and the line a user sees.
        return { index: r.value.number, line: r.value.number, cells };
      }
      return undefined;
    };
    // The first line is read now, so a damaged workbook is refused when opened.
    const first = await next().catch(async (e: unknown) => {
      await sheet.close().catch(() => undefined);
      return unreadable(e, where);
    });
    let consumed = false;
    return {
      encoding: 'xlsx',
      sheet: { index, found: sheet.found },
      gridded: true,
      async *lines(): AsyncGenerator<SourceLine> {
        if (consumed) throw new Error('lines() can be read once');
        consumed = true;
        for (let l = first; l; l = await next().catch((e: unknown) => unreadable(e, where))) yield l;
        await sheet.close();
      },
      close: () => sheet.close(),
    };
  },
};

export default xlsxSource;
