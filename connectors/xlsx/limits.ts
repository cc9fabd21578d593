// What a workbook may cost before it is refused, and the refusals in plain words. An .xlsx is a zip
// of XML parts: 2 MB can inflate to gigabytes (a zip bomb), a part's declared size can lie, and one
// cell or one shared-string table can hold more than a worker's memory. Every bound is checked while
// the bytes arrive, and every refusal is a data error (never retried) that names the file, the part
// or sheet, the limit and what to do: save the workbook as CSV UTF-8 or split it.
import { dataError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import type { SourceLimits } from '../types.ts';

const MiB = 1024 * 1024;

export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
  maxCellBytes: number;
  /** Bytes each part, and all the parts read together, may inflate to. */
  maxInflatedBytes: number;
  /** A part inflating beyond this many times its compressed size, and beyond the floor, is a bomb. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxSharedStrings: number;
  /** Bytes the shared-string part may inflate to: the table is held in memory while the sheet is read. */
  maxSharedStringBytes: number;
  /** Bytes the small parts (workbook, relationships, styles) may inflate to: exceljs holds them as objects. */
  maxMetaPartBytes: number;
}

export const XLSX_DEFAULTS: XlsxLimits = {
  maxRows: 5_000_000,
  maxColumns: 200,
  maxCellBytes: 32 * 1024,
  maxInflatedBytes: 512 * MiB,
  maxRatio: 100,
  ratioFloorBytes: 20 * MiB,
  maxSharedStrings: 2_000_000,
  maxSharedStringBytes: 128 * MiB,
  maxMetaPartBytes: 16 * MiB,
};

/** The limits a caller gave (runtime/config.ts), the defaults for the rest. */
export function xlsxLimits(given: Partial<SourceLimits & XlsxLimits> = {}): XlsxLimits {
  const pick = (v: number | undefined, d: number): number => (v !== undefined && Number.isFinite(v) && v > 0 ? v : d);
  const d = XLSX_DEFAULTS;
  return {
    maxRows: pick(given.maxRows, d.maxRows),
    maxColumns: pick(given.maxColumns, d.maxColumns),
    maxCellBytes: pick(given.maxCellBytes, d.maxCellBytes),
    maxInflatedBytes: pick(given.xlsxMaxInflatedBytes ?? given.maxInflatedBytes, d.maxInflatedBytes),
    maxRatio: pick(given.xlsxMaxRatio ?? given.maxRatio, d.maxRatio),
    ratioFloorBytes: pick(given.ratioFloorBytes, d.ratioFloorBytes),
    maxSharedStrings: pick(given.xlsxMaxSharedStrings ?? given.maxSharedStrings, d.maxSharedStrings),
    maxSharedStringBytes: pick(given.maxSharedStringBytes, d.maxSharedStringBytes),
    maxMetaPartBytes: pick(given.maxMetaPartBytes, d.maxMetaPartBytes),
  };
}

/** A size as a person reads it: 512 MB, 32 KB (binary units, as Windows shows them). */
export function size(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The column's letters as Excel shows them (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const SAVE_AS = {
  zh: '请在 Excel 或 WPS 中打开，“另存为”CSV UTF-8（逗号分隔），或拆成几个较小的工作簿后重新上传',
  en: 'open it in Excel or WPS and "Save as" CSV UTF-8 (comma-delimited), or split it into smaller workbooks, and upload again',
};

/** Where a refusal happened, for its message: the sender's file name, and the part or sheet. */
export interface Where {
  file: string;
}

export const refuse = {
  workbookTooLarge(w: Where, part: string, limit: number): CdfError {
    return dataError('CDF_XLSX_TOO_LARGE', {
      zh: `Excel 工作簿 ${w.file} 解压后超过 ${size(limit)}（读到其中的 ${part} 时超出），超过了可读取的上限。${SAVE_AS.zh}`,
      en: `the Excel workbook ${w.file} inflates to more than ${size(limit)} (crossed while reading its part ${part}), the most that is read. ${SAVE_AS.en}`,
    }, { file: w.file, part, limit });
  },
  partTooLarge(w: Where, part: string, limit: number): CdfError {
    return dataError('CDF_XLSX_TOO_LARGE', {
      zh: `Excel 工作簿 ${w.file} 中的 ${part} 解压后超过 ${size(limit)}，超过了单个部件可读取的上限。${SAVE_AS.zh}`,
      en: `the part ${part} of the Excel workbook ${w.file} inflates to more than ${size(limit)}, the most read of one part. ${SAVE_AS.en}`,
    }, { file: w.file, part, limit });
  },
  ratio(w: Where, part: string, compressed: number, inflated: number, ratio: number): CdfError {
    return dataError('CDF_XLSX_TOO_LARGE', {
      zh: `Excel 工作簿 ${w.file} 中的 ${part} 压缩后仅 ${size(compressed)}，解压已超过 ${size(inflated)}（超过压缩大小的 ${ratio} 倍），` +
        `这是“压缩炸弹”的特征，正常导出的工作簿不会如此。${SAVE_AS.zh}`,
      en: `the part ${part} of the Excel workbook ${w.file} is ${size(compressed)} compressed but inflates to more than ${size(inflated)} ` +
        `(over ${ratio} times its compressed size), as a zip bomb does and no exported workbook does. ${SAVE_AS.en}`,
    }, { file: w.file, part, limit: ratio });
  },
  sharedStrings(w: Where, part: string, limit: number): CdfError {
    return dataError('CDF_XLSX_SHARED_STRINGS', {
      zh: `Excel 工作簿 ${w.file} 的共享字符串表（${part}）超过 ${limit} 条，超过了可读取的上限。${SAVE_AS.zh}`,
      en: `the shared-string table (${part}) of the Excel workbook ${w.file} holds more than ${limit} strings, the most that is read. ${SAVE_AS.en}`,
    }, { file: w.file, part, limit });
  },
  sharedStringBytes(w: Where, part: string, limit: number): CdfError {
    return dataError('CDF_XLSX_SHARED_STRINGS', {
      zh: `Excel 工作簿 ${w.file} 的共享字符串表（${part}）解压后超过 ${size(limit)}，超过了可读取的上限。${SAVE_AS.zh}`,
      en: `the shared-string table (${part}) of the Excel workbook ${w.file} inflates to more than ${size(limit)}, the most that is read. ${SAVE_AS.en}`,
    }, { file: w.file, part, limit });
  },
  sharedStringTooLong(w: Where, part: string, index: number, limit: number): CdfError {
    return dataError('CDF_FILE_LIMIT', {
      zh: `Excel 工作簿 ${w.file} 的共享字符串表（${part}）第 ${index + 1} 条文字超过 ${size(limit)}，单元格内容最多 ${limit} 字节。` +
        '请删去过长的内容，或另存为 CSV UTF-8 后重新上传',
      en: `string ${index + 1} of the shared-string table (${part}) of the Excel workbook ${w.file} is longer than ${size(limit)}; ` +
        `a cell holds at most ${limit} bytes. Remove the overlong text, or save as CSV UTF-8, and upload again`,
    }, { file: w.file, part, limit });
  },
  cellTooLarge(w: Where, sheet: string, row: number, column: number | undefined, limit: number): CdfError {
    const col = column ? { zh: `第 ${column} 列（${columnLetters(column)} 列）`, en: `column ${columnLetters(column)} (${column})` } : { zh: '', en: 'a cell' };
    return dataError('CDF_FILE_LIMIT', {
      zh: `Excel 工作簿 ${w.file} 的工作表“${sheet}”第 ${row} 行${col.zh || '有一个单元格'}的内容超过 ${size(limit)}，单元格内容最多 ${limit} 字节。` +
        '请删去过长的内容后重新上传',
      en: `in the Excel workbook ${w.file}, sheet "${sheet}", row ${row}, ${col.en} holds more than ${size(limit)}; ` +
        `a cell holds at most ${limit} bytes. Remove the overlong text and upload again`,
    }, { file: w.file, sheet, row, limit });
  },
  tooManyColumns(w: Where, sheet: string, row: number, columns: number, limit: number): CdfError {
    return dataError('CDF_FILE_LIMIT', {
      zh: `Excel 工作簿 ${w.file} 的工作表“${sheet}”第 ${row} 行有 ${columns} 列（到 ${columnLetters(columns)} 列），最多 ${limit} 列。` +
        '请删去多余的列（含看似空白但有内容或格式的列）后重新上传',
      en: `in the Excel workbook ${w.file}, sheet "${sheet}", row ${row} has ${columns} columns (up to column ${columnLetters(columns)}); ` +
        `at most ${limit} are read. Delete the extra columns (also those that look empty but hold something) and upload again`,
    }, { file: w.file, sheet, row, limit });
  },
  rowTooLarge(w: Where, sheet: string, row: number, limit: number): CdfError {
    return dataError('CDF_FILE_LIMIT', {
      zh: `Excel 工作簿 ${w.file} 的工作表“${sheet}”第 ${row} 行的单元格过多或过大，超过了一行可读取的 ${size(limit)}。` +
        '请删去多余的列和过长的内容后重新上传',
      en: `in the Excel workbook ${w.file}, sheet "${sheet}", row ${row} has too many or too large cells, over the ${size(limit)} read of one row. ` +
        'Delete the extra columns and overlong text and upload again',
    }, { file: w.file, sheet, row, limit });
  },
  tooManyRows(w: Where, sheet: string, limit: number): CdfError {
    return dataError('CDF_FILE_LIMIT', {
      zh: `Excel 工作簿 ${w.file} 的工作表“${sheet}”超过 ${limit} 行，超过了一个文件可读取的行数。请把数据拆成几个文件分别上传`,
      en: `the sheet "${sheet}" of the Excel workbook ${w.file} has more than ${limit} rows, the most read of one file. ` +
        'Split the data into several files and upload each',
    }, { file: w.file, sheet, limit });
  },
  /** The part is no XML exceljs may read: a DTD (XXE, billion laughs), an unknown entity, a tag of megabytes. */
  badXml(w: Where, part: string, why: { zh: string; en: string }): CdfError {
    return dataError('CDF_FILE_FORMAT', {
      zh: `无法读取 Excel 工作簿 ${w.file} 中的 ${part}：${why.zh}。正常导出的工作簿不会如此，请在 Excel 或 WPS 中打开并另存为 .xlsx 或 CSV UTF-8 后重新上传`,
      en: `cannot read the part ${part} of the Excel workbook ${w.file}: ${why.en}. No exported workbook does this; ` +
        'open it in Excel or WPS, save it as .xlsx or CSV UTF-8 and upload again',
    }, { file: w.file, part });
  },
};
