// A batch's validation report grouped by reason, as the agency's upload page shows it: for each
// reason (an error code) its plain-words title and what to do, the rows and cells it refused, and
// per field what was expected with an example; the offending cells of one reason are read a page
// at a time (row, line in the file, field, value as received), masked like the report's sample.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { rejectCellCount, rejectCells, rejectsByReason } from '../../db/agency.ts';
import { rejectsByReason as rowsByReason } from '../../db/queries/reports.ts';
import type { RejectCell } from '../../db/agency.ts';
import type { Batch } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import { codeText, isErrorCode } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { lineOf } from '../../domain/layout/layout.ts';
import { isNaturalPerson, maskText, maskValue, personalValues } from '../../domain/publication/personal.ts';
import type { Identity } from '../identity.ts';
import { auditUnmask, unmaskedFor } from '../masking.ts';
import { datasetFields } from './fields.ts';

type Expected = Bilingual & { example: string };

/** Reasons whose expectation does not depend on the field's format. */
const EXPECTED_BY_CODE: Record<string, Expected> = {
  CDF_ROW_RAGGED: {
    zh: '每行的单元格数不多于表头；单元格内的逗号须用英文双引号括起', en: 'no more cells than headers; a comma inside a cell needs double quotes',
    example: '"警告,罚款"',
  },
  CDF_ROW_DATE_FUTURE: { zh: '不晚于文件接收日期的日期', en: 'a date no later than the day the file was received', example: '2026-01-15' },
  CDF_ROW_DATE_IMPLAUSIBLE: { zh: '1949-10-01 之后的真实日期', en: 'a real date after 1949-10-01', example: '2026-01-15' },
  CDF_ID_INVALID: {
    zh: '18 位公民身份号码，最后一位校验码须正确（可为 X）', en: 'an 18-character resident ID number with a correct last check character (may be X)',
    example: '11010519491231002X',
  },
  CDF_CODE_INVALID: { zh: '18 位统一社会信用代码，校验位须正确', en: 'an 18-character USCC with a correct check character', example: '91120116MA05JXYA1J' },
};

export interface ReasonGroup {
  code: string;
  title: Bilingual;
  next: Bilingual;
  rows: number;
  cells: number;
  fields: Array<{ field: string | null; zh: string; en: string; rows: number; cells: number; expected: Expected }>;
}

export async function reasonGroups(db: Db, batch: Batch): Promise<ReasonGroup[]> {
  const fields = new Map(datasetFields(batch.dataset).map((f) => [f.name, f]));
  const byCodeField = await rejectsByReason(db, batch.id);
  // Rows per reason (a row refused for one reason in two fields counts once): the batch's own
  // figures since its last step, else counted.
  const rowsByCode = batch.counts.rejectedByCode ?? Object.fromEntries((await rowsByReason(db, batch.id)).map((r) => [r.code, r.rows]));
  const groups = new Map<string, ReasonGroup>();
  for (const [code, rows] of Object.entries(rowsByCode)) {
    const t = isErrorCode(code) ? codeText(code) : { title: { zh: code, en: code }, next: { zh: '', en: '' } };
    groups.set(code, { code, title: t.title, next: t.next, rows, cells: 0, fields: [] });
  }
  for (const r of byCodeField) {
    const g = groups.get(r.code);
    if (!g) continue;
    g.cells += r.cells;
    const f = r.field ? fields.get(r.field) : undefined;
    const format = f ? { zh: f.format.zh, en: `${f.format.en.replace(/^./, (c) => c.toUpperCase())}`, example: f.format.example } : null;
    const required = f && r.code === 'CDF_ROW_REQUIRED'
      ? { zh: `必须填写：${f.format.zh}`, en: `must be filled in: ${f.format.en}`, example: f.format.example } : null;
    const expected = EXPECTED_BY_CODE[r.code] ?? required ?? format ?? { zh: '', en: '', example: '' };
    g.fields.push({ field: r.field, zh: f?.zh ?? r.field ?? '整行', en: f?.en ?? r.field ?? 'whole row', rows: r.cells, cells: r.cells, expected });
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code));
}

export interface OffendingCell {
  row: number; line: number; field: string | null; fieldZh: string; fieldEn: string; value: string | null; zh: string; en: string;
}

/** One page of the cells refused for one reason; personal data masked unless the caller sent the
 * batch or holds the unmask right (masking.ts, audited). */
export async function reasonCells(
  db: Db, who: Identity, batch: Batch, code: string, page: { limit: number; offset: number },
): Promise<{ total: number; cells: OffendingCell[] }> {
  const def = datasetDefinition(batch.dataset);
  const why = unmaskedFor(who, batch.agency);
  const total = await rejectCellCount(db, batch.id, code);
  const rows = await rejectCells(db, batch.id, code, page);
  if (rows.length) await auditUnmask(db, who, why, `batch:${batch.id}`, 'report');
  const layout = batch.layout ?? { header: { index: 1, line: 1 }, above: [] };
  const label = (field: string | null) => def.fields.find((f) => f.name === field);
  // The value as the file had it (the cell before cleaning), where the reason names a column.
  const received = (r: RejectCell): string | null => {
    const at = r.field ? batch.columnMap.indexOf(r.field) : -1;
    return at >= 0 && r.cells ? (r.cells[at] ?? '') : r.value;
  };
  const masked = (r: RejectCell) => {
    const value = received(r);
    if (why) return { value, zh: r.message_zh, en: r.message_en };
    const byField: Record<string, string> = {};
    batch.columnMap.forEach((f, i) => { if (f) byField[f] = r.cells?.[i] ?? ''; });
    const secrets = personalValues(def, byField);
    return {
      value: value === null ? null : maskText(maskValue(def, r.field, value, isNaturalPerson(def, byField)), secrets),
      zh: maskText(r.message_zh, secrets), en: maskText(r.message_en, secrets),
    };
  };
  return {
    total,
    cells: rows.map((r) => ({
      row: r.row_no, line: lineOf(layout, r.row_no), field: r.field,
      fieldZh: label(r.field)?.zh ?? r.field ?? '整行', fieldEn: label(r.field)?.en ?? r.field ?? 'whole row', ...masked(r),
    })),
  };
}
