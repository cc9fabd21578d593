// The layout detector on extracts as agencies really send them: titles, unit and period lines,
// notes and blank lines above the header, totals, signatures and notes below the data.
import { describe, expect, it } from 'vitest';
import type { SourceLine, SourceRow } from '../../connectors/types.ts';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { classifyAbove, detectHeader, firstLinesShown, footerKind, lineOf } from './layout.ts';
import { dataRows } from './layout-rows.ts';

const def = datasetDefinition('admin_penalty');
const HEADER = ['行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '行政处罚决定书文号', '罚款金额（万元）'];
const ROW = ['天津市和平区海河食品有限公司', '法人及非法人组织', '91120101300010016K', '津市场监管罚〔2025〕101号', '0.5'];

/** Lines as a source gives them: one per non-blank record, blank records skipped but counted. */
function sourceLines(records: string[][]): SourceLine[] {
  return records.map((cells, i) => ({ index: i + 1, line: i + 1, cells })).filter((l) => l.cells.some((c) => c.trim() !== ''));
}

async function read(lines: SourceLine[], header: { index: number; line: number }, width = HEADER.length) {
  async function* gen() { yield* lines; }
  const data = dataRows(gen(), { ...header, width }, false);
  const rows: SourceRow[] = [];
  for await (const r of data.rows) rows.push(r);
  return { rows, data };
}

describe('detectHeader', () => {
  it('finds the header below a title, a blank line, a unit line and notes', () => {
    const lines = sourceLines([
      ['天津市行政处罚信息汇总表（双公示）', '', '', '', ''],
      [''],
      ['填报单位：天津市应急管理局    单位：万元', '', '', '统计时间：2024年1月—6月', ''],
      ['注：金额单位为万元', '', '', '', ''],
      ['说明：', '请勿修改表头', '', '', ''],
      [' 行政相对人名称 ', ...HEADER.slice(1)],
      ROW,
    ]);
    const choice = detectHeader(def, lines)!;
    expect(choice).toMatchObject({ index: 6, line: 6, matched: 5, headers: HEADER });
    expect(choice.above.map((s) => [s.line, s.kind])).toEqual([[1, 'title'], [2, 'blank'], [3, 'unit'], [4, 'note'], [5, 'note']]);
    expect(choice.above[0]!.text).toBe('天津市行政处罚信息汇总表（双公示）');
  });

  it('takes a merged title cell, however many columns repeat it, for a title', () => {
    expect(classifyAbove(['行政处罚公示', '', '', ''])).toBe('title');
    expect(classifyAbove(['行政处罚公示', '行政处罚公示', '行政处罚公示'])).toBe('title');
    expect(classifyAbove(['行政相对人信息', '', '处罚信息', ''])).toBe('other');
    expect(classifyAbove(['', '单位：万元'])).toBe('unit');
    expect(classifyAbove(['数据截至2024年6月30日'])).toBe('unit');
  });

  it('takes a header on the first line with nothing above it', () => {
    expect(detectHeader(def, sourceLines([HEADER, ROW]))).toMatchObject({ index: 1, line: 1, above: [] });
  });

  it('reads column codes and prefers the line naming most fields over a coincidence', () => {
    const lines = sourceLines([['行政相对人名称', '说明'], ['CF_XDR_MC', 'CF_WSH', 'CF_XDR_LB'], ROW]);
    expect(detectHeader(def, lines)).toMatchObject({ index: 2, matched: 3 });
    expect(detectHeader(def, lines)!.above.map((s) => s.kind)).toEqual(['other']);
  });

  it('finds no header in a file without one, nor in a single coincidental column', () => {
    expect(detectHeader(def, sourceLines([['天津市行政处罚信息汇总表'], ROW, ROW]))).toBeUndefined();
    expect(detectHeader(def, sourceLines([['行政相对人名称', '甲', '乙'], ROW]))).toBeUndefined();
    expect(detectHeader(def, [])).toBeUndefined();
  });

  it('looks no further than the first 30 non-blank lines', () => {
    const filler = Array.from({ length: 30 }, (_, i) => [`说明${i}`]);
    expect(detectHeader(def, sourceLines([...filler, HEADER, ROW]))).toBeUndefined();
  });

  it('shows the first lines it looked at, shortened, for a refusal', () => {
    const long = '很长的标题'.repeat(20);
    const shown = firstLinesShown(sourceLines([[long], [''], ['a', 'b'], ROW]), 3);
    expect(shown.zh).toBe(`第 1 行「${long.slice(0, 30)}…」；第 3 行「a | b」；第 4 行「${ROW.join(' | ').slice(0, 30)}…」`);
    expect(shown.en).toContain('line 3 "a | b"');
  });
});

describe('footers', () => {
  it('recognises totals, signatures and notes with few cells, and nothing else', () => {
    expect(footerKind(['合计', '', '', '', '125.5'], 5)).toBe('total');
    expect(footerKind(['总计：125条'], 5)).toBe('total');
    expect(footerKind(['', '小 计', '3'], 5)).toBe('total');
    expect(footerKind(['填报人：张三', '审核人：李四', '填报日期：2024-07-01'], 5)).toBe('signature');
    expect(footerKind(['负责人:王五'], 5)).toBe('signature');
    expect(footerKind(['联系电话：022-12345678'], 5)).toBe('signature');
    expect(footerKind(['注：本表金额单位为万元'], 5)).toBe('footnote');
    expect(footerKind(['备注：无'], 5)).toBe('footnote');
    expect(footerKind(ROW, 5)).toBeUndefined();
    expect(footerKind(['填报人张三'], 5)).toBeUndefined();
    // A line with many cells is data, whatever its first cell says.
    expect(footerKind(['合计', 'a', 'b', 'c', 'd', 'e'], 8)).toBeUndefined();
  });

  it('drops trailing footers of each kind and numbers rows from the header', async () => {
    const lines = sourceLines([['汇总表'], HEADER, ROW, [''], ROW, ['合计', '', '', '', '1.0'], ['总计：2条'], [''],
      ['填报人：张三', '审核人：李四'], ['填报日期：2024年7月1日'], ['负责人：王五'], ['注：金额单位为万元']]);
    const { rows, data } = await read(lines, { index: 2, line: 2 });
    expect(rows.map((r) => [r.rowNo, r.line])).toEqual([[1, 3], [3, 5]]);
    expect(data.footers.map((f) => [f.line, f.kind])).toEqual([[6, 'total'], [7, 'total'], [9, 'signature'], [10, 'signature'],
      [11, 'signature'], [12, 'footnote']]);
    expect(data.lineShifts).toEqual([]);
  });

  it('gives footer-like lines followed by data back as rows', async () => {
    const lines = sourceLines([HEADER, ROW, ['合计', '', '1'], ['备注：补录'], ROW, ['合计']]);
    const { rows, data } = await read(lines, { index: 1, line: 1 });
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4]);
    expect(rows[1]!.cells).toEqual(['合计', '', '1']);
    expect(data.footers.map((f) => f.kind)).toEqual(['total']);
  });

  it('holds back at most 50 footer-like lines (memory stays bounded): the earlier ones of a longer run are data', async () => {
    const totals = Array.from({ length: 60 }, (_, i) => ['合计', String(i)]);
    const { rows, data } = await read(sourceLines([HEADER, ...totals]), { index: 1, line: 1 });
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ rowNo: 1, cells: ['合计', '0'] });
    expect(data.footers).toHaveLength(50);
  });

  it('records where rows start past header line + row number (multi-line CSV cells)', async () => {
    const lines: SourceLine[] = [
      { index: 3, line: 4, cells: HEADER }, { index: 4, line: 5, cells: ROW },
      { index: 5, line: 6, cells: ROW }, { index: 6, line: 9, cells: ROW }, { index: 8, line: 11, cells: ROW },
    ];
    const { rows, data } = await read(lines, { index: 3, line: 4 });
    expect(rows.map((r) => [r.rowNo, r.line])).toEqual([[1, 5], [2, 6], [3, 9], [5, 11]]);
    expect(data.lineShifts).toEqual([[3, 2]]);
    const layout = { header: { index: 3, line: 4 }, above: [], lineShifts: data.lineShifts };
    expect(rows.map((r) => lineOf(layout, r.rowNo))).toEqual(rows.map((r) => r.line));
  });

  it('pads the rows of a sheet to the header width', async () => {
    async function* gen() { yield* sourceLines([HEADER, ['甲', '乙']]); }
    const data = dataRows(gen(), { index: 1, line: 1, width: 5 }, true);
    for await (const r of data.rows) expect(r.cells).toEqual(['甲', '乙', '', '', '']);
  });
});

describe('two header lines', () => {
  it('takes the last of consecutive lines naming the same fields, and lists the other as a header line', async () => {
    const { detectHeader } = await import('./layout.ts');
    const { datasetDefinition } = await import('../../catalog/dataset-definition.ts');
    const def = datasetDefinition('admin_penalty');
    const at = (index: number, cells: string[]) => ({ index, line: index, cells });
    const lines = [
      at(1, ['行政处罚信息']),
      at(2, ['行政相对人名称', '行政相对人类别', '行政处罚决定书文号']),
      at(3, ['CF_XDR_MC', 'CF_XDR_LB', 'CF_WSH']),
      at(4, ['天津市和平区海河食品有限公司', '法人及非法人组织', '津市场监管罚〔2025〕1号']),
    ];
    const h = detectHeader(def, lines)!;
    expect(h.line).toBe(3);
    expect(h.above.map((a) => [a.line, a.kind])).toEqual([[1, 'title'], [2, 'header']]);
  });
});

describe('a header repeated on every page', () => {
  it('is skipped wherever it recurs, listed as a header line, and the rows keep their numbers', async () => {
    async function* gen() {
      yield* sourceLines([HEADER, ROW, [...HEADER.map((h) => ` ${h} `), ''], ROW, ['合计', '', '', '', '1']]);
    }
    const data = dataRows(gen(), { index: 1, line: 1, width: HEADER.length, cells: HEADER }, false);
    const rows: SourceRow[] = [];
    for await (const r of data.rows) rows.push(r);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 3]);
    expect(data.footers.map((f) => [f.line, f.kind])).toEqual([[3, 'header'], [5, 'total']]);
  });
});
