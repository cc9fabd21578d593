// XLSX source: streams the first visible worksheet of a workbook (sheet.ts), memory bounded by
// one row plus the workbook's shared-string table, whatever the number of rows.
// Rows are numbered from the header row, the first non-empty one: a spreadsheet user finds data
// row N on sheet row N + header row. Blank rows are skipped but counted, as in the CSV source.
// Merged cells: the file holds the value in the top-left cell only, so cells covered by a merge
// come out empty and validation reports them as missing; they are not filled in.
import type { Row } from 'exceljs';
import { dataError, isCdfError } from '../../domain/errors.ts';
import type { OpenedSource, SourceConnector, SourceRow } from '../types.ts';
import { cellText } from './cells.ts';
import { openFirstSheet } from './sheet.ts';

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/** A damaged or disguised workbook is the sender's to fix: a data error, never retried. */
function unreadable(e: unknown): never {
  // Our own failures (a CdfError) and the system's (a missing file, too many open files) are not the file's.
  if (isCdfError(e) || (e instanceof Error && 'syscall' in e)) throw e;
  const cause = e instanceof Error ? e.message : String(e);
  throw dataError('CDF_FILE_FORMAT', {
    zh: `无法读取 Excel 工作簿（${cause}）：文件可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后重新上传`,
    en: `cannot read the Excel workbook (${cause}): the file may be damaged; open it in Excel or WPS, save it as .xlsx and upload it again`,
  });
}

/** Dense cells: at least `width` of them, holes and covered merge cells as ''. */
function rowCells(row: Row, width: number, date1904: boolean): string[] {
  const found: string[] = [];
  row.eachCell((cell, col) => {
    const text = cellText(cell, date1904);
    if (text !== '') found[col - 1] = text;
  });
  const cells = new Array<string>(Math.max(width, found.length));
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
  async open(filePath): Promise<OpenedSource> {
    const sheet = await openFirstSheet(filePath).catch(unreadable);
    let headers: string[] = [];
    let headerRow = 0;
    try {
      for (let next = await sheet.rows.next(); !next.done; next = await sheet.rows.next()) {
        const cells = rowCells(next.value, 0, sheet.date1904).map((h) => h.trim());
        if (isBlank(cells)) continue;
        headers = cells;
        headerRow = next.value.number;
        break;
      }
    } catch (e) {
      await sheet.close().catch(() => undefined);
      unreadable(e);
    }
    let consumed = false;
    return {
      headers,
      encoding: 'xlsx',
      async *rows(): AsyncGenerator<SourceRow> {
        if (consumed) throw new Error('rows() can be read once');
        consumed = true;
        if (!headerRow) return;
        for (;;) {
          const next = await sheet.rows.next().catch(unreadable);
          if (next.done) break;
          const cells = rowCells(next.value, headers.length, sheet.date1904);
          if (!isBlank(cells)) yield { rowNo: next.value.number - headerRow, cells };
        }
        await sheet.close();
      },
      close: () => sheet.close(),
    };
  },
};

export default xlsxSource;
