// A dataset's upload template: the standard's Chinese header names, in the standard's order, and
// one example row that passes validation (examples.ts). CSV is UTF-8 with a byte order mark, so
// Excel and WPS open it in the right encoding; the workbook keeps every cell as text, so a code is
// never turned into a number (or scientific notation) on the way.
import ExcelJS from 'exceljs';
import type { DatasetDefinition } from '../../domain/dataset.ts';
import { csvLine } from '../../domain/csv-safe.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { exampleRow } from './examples.ts';

export type TemplateFormat = 'csv' | 'xlsx';

export function templateRows(def: DatasetDefinition, agency: { name: Bilingual; uscc: string }): { headers: string[]; example: string[] } {
  const example = exampleRow(def.code, agency);
  return { headers: def.fields.map((f) => f.zh), example: def.fields.map((f) => example[f.name] ?? '') };
}

export function templateCsv(def: DatasetDefinition, agency: { name: Bilingual; uscc: string }): Buffer {
  const { headers, example } = templateRows(def, agency);
  return Buffer.from('\uFEFF' + csvLine(headers) + csvLine(example), 'utf8');
}

export async function templateXlsx(def: DatasetDefinition, agency: { name: Bilingual; uscc: string }): Promise<Buffer> {
  const { headers, example } = templateRows(def, agency);
  const book = new ExcelJS.Workbook();
  book.creator = 'credit-data-factory';
  const sheet = book.addWorksheet(def.name.zh.slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((c, i) => {
    c.numFmt = '@';
    c.width = Math.min(40, Math.max(12, (headers[i]?.length ?? 0) * 2 + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const templateFileName = (def: DatasetDefinition, format: TemplateFormat): string => `${def.code}-template.${format}`;
