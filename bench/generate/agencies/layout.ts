// The lines a government template puts around the table: a title, the reporting unit and the
// amount unit, notes, blank rows above the header; totals, signatures and a date below the data.
// Data rows are still numbered from the header row (header = row 0), as the factory numbers them.
import { csvLine } from '../channels.ts';
import type { FileSpec } from '../channels.ts';
import type { Habits } from './habits.ts';

const CLERKS = ['王红', '李建国', '张丽', '刘洋', '陈静', '赵磊'];

/** The sender's name as its letterhead writes it: 天津市 before a city or district office. */
const fullName = ({ sourceName: n }: FileSpec): string =>
  (n.startsWith('市') ? `天津${n}` : n.startsWith('总对总') || n.startsWith('天津') ? n : `天津市${n}`);

/** A row of the file: the text in the first cell, the rest empty when the template pads rows. */
const line = (spec: FileSpec, h: Habits, text: string): string =>
  csvLine(h.titleAsRow ? [text, ...new Array<string>(spec.headers.length - 1).fill('')] : [text], spec.eol);

export function preambleLines(spec: FileSpec, h: Habits): string[] {
  if (h.layout === 'none') return [];
  const out = [line(spec, h, `${fullName(spec)}行政处罚信息汇总表（双公示）`)];
  if (h.layout === 'full') {
    out.push(csvLine([`填报单位：${fullName(spec)}`, '', '', `单位：万元`], spec.eol));
    out.push(line(spec, h, '注：本表依据《行政许可和行政处罚等信用信息公示工作规范》填报，金额单位为万元。'));
    out.push(spec.eol);
  }
  return out;
}

/** Footer lines after the last data row; `rows` is the number of data rows. */
export function footerLines(spec: FileSpec, h: Habits, rows: number, day: string): string[] {
  if (!h.footers) return [];
  const clerk = CLERKS[rows % CLERKS.length]!;
  const checker = CLERKS[(rows + 3) % CLERKS.length]!;
  return [
    spec.eol,
    csvLine(['合计', `${rows}条`], spec.eol),
    line(spec, h, `总计：${rows}条`),
    csvLine([`填报人：${clerk}`, '', `审核人：${checker}`], spec.eol),
    line(spec, h, `填报日期：${day}`),
    line(spec, h, '注：以上信息自作出行政处罚决定之日起7个工作日内公示。'),
  ];
}
