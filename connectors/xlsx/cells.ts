// Cell values to the text an agency sees in Excel, so an .xlsx extract and the CSV that Excel
// saves from it give the same cells. Only date formats are applied: other display formats (a
// percentage, "0.00", a thousands separator) would change the value the clean step parses.
import ExcelJS from 'exceljs';
import type { Cell } from 'exceljs';

const DAY_MS = 86_400_000;
/** Day 0 of Excel's (1900) date system; exceljs's dates count from it in UTC. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel keeps and shows 15 significant digits; a 16th or 17th is binary noise (0.1+0.2). */
export function numberText(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : '';
}

/** exceljs turns a date serial into a UTC instant: it is formatted in UTC, never in local time. */
export function dateText(d: Date): string {
  // Times are fractions of a day: 10:30 may be stored as 10:29:59.9999.
  const ms = Math.round(d.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) return '';
  // What Excel itself shows for a date it cannot represent.
  if (ms < EXCEL_EPOCH || ms >= Date.UTC(10000, 0, 1)) return '########';
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  if (ms < EXCEL_EPOCH + DAY_MS) return time; // a time alone (format h:mm): serial below 1
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** exceljs's own test (utils.isDateFmt), needed for formula results, which it leaves as serials. */
export function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const serialToDate = (serial: number, date1904: boolean): Date =>
  new Date(Math.round(EXCEL_EPOCH + (serial + (date1904 ? 1462 : 0)) * DAY_MS));

// OOXML stores characters XML cannot hold (a CR, control characters) as _xHHHH_, and a literal
// "_x" sequence as _x005F_…; exceljs leaves both encoded.
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;
const unescape = (s: string): string =>
  s.includes('_x') ? s.replace(ESCAPED, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return unescape(v);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((run: { text?: string | null }) => unescape(run.text ?? '')).join('');
    if ('error' in v) return String(v.error);
    if ('text' in v) return valueText(v.text); // a hyperlink shows its text
  }
  return '';
}

/**
 * A formula's cached result, or null when the cell holds no formula. exceljs's cell.value drops a
 * falsy result (0, ''), so it is read from the model; a filled-down (shared) formula has no text
 * of its own and arrives as a plain object instead of a formula value.
 */
function formulaResult(cell: Cell): { result?: unknown } | null {
  if (cell.type === ExcelJS.ValueType.Formula) return cell.model as { result?: unknown };
  const v: unknown = cell.value;
  return v !== null && typeof v === 'object' && !(v instanceof Date) && 'formula' in v ? (v as { result?: unknown }) : null;
}

/** The text of one cell: a formula gives its cached result, never its text (none cached: ''). */
export function cellText(cell: Cell, date1904: boolean): string {
  const formula = formulaResult(cell);
  if (!formula) return valueText(cell.value);
  const { result } = formula;
  if (typeof result === 'number' && isDateFormat(cell.numFmt)) return dateText(serialToDate(result, date1904));
  return valueText(result);
}
