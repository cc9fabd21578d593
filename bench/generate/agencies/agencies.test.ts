// The agencies mode: same seed, same bytes; every variation the mode promises appears; the truth
// still says exactly what each row is; and the default mode is untouched.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRic } from '../../../domain/codes/index.ts';
import { COLUMN, FILE_SPECS } from '../channels.ts';
import { generateDataset } from '../dataset.ts';
import { loadRun } from '../read-back.ts';
import type { GeneratedRun, RunRow } from '../read-back.ts';
import type { Summary, TruthDisclosure } from '../truth.ts';
import { canonicalDocno } from './docno-forms.ts';
import { PLACEHOLDERS } from './placeholders.ts';

let dir = '';
let again = '';
let summary: Summary;
let run: GeneratedRun;
const byId = new Map<number, TruthDisclosure>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cdf-agencies-'));
  again = await mkdtemp(path.join(os.tmpdir(), 'cdf-agencies-'));
  summary = await generateDataset({ rows: 6000, seed: 4, outDir: dir, mode: 'agencies' });
  await generateDataset({ rows: 6000, seed: 4, outDir: again, mode: 'agencies' });
  run = await loadRun(dir);
  for (const d of run.disclosures) byId.set(d.id, d);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(again, { recursive: true, force: true });
});

const cell = (r: RunRow, f: keyof typeof COLUMN): string => r.cells[COLUMN[f]] ?? '';
const tagged = (tag: string): RunRow[] => run.rows.filter((r) => r.t.noise.includes(tag));

describe('the agencies mode', () => {
  it('gives the same bytes for the same seed and says which mode made them', async () => {
    for (const f of [...FILE_SPECS.map((s) => s.file), 'disclosures.truth.ndjson', 'truth-summary.json']) {
      expect((await readFile(path.join(again, f))).equals(await readFile(path.join(dir, f))), f).toBe(true);
    }
    expect(summary.mode).toBe('agencies');
    expect(run.rows).toHaveLength(summary.rows);
  });

  it('lays some files out with titles, notes, blank lines and footers, and leaves others bare', async () => {
    expect(summary.files.some((f) => f.habits!.serial) && summary.files.some((f) => !f.habits!.serial)).toBe(true);
    const layouts = summary.files.map((f) => f.layout!);
    expect(layouts.some((l) => l.above === 0 && l.below === 0)).toBe(true);
    expect(layouts.some((l) => l.above >= 4 && l.below > 0)).toBe(true);
    const full = summary.files.find((f) => f.layout!.above >= 4 && f.layout!.below > 0)!;
    const text = (await readFile(path.join(dir, full.file))).toString(full.encoding === 'utf-8' ? 'utf8' : 'latin1');
    if (full.encoding === 'utf-8') {
      expect(text).toMatch(/^\uFEFF?天津.*行政处罚信息汇总表（双公示）/);
      for (const s of ['填报单位：', '单位：万元', '注：', '总计：', '填报人：', '审核人：', '填报日期：2026年']) expect(text).toContain(s);
    }
  });

  it('writes document numbers many ways, each the disclosure\'s own number but for a planted typo', () => {
    const tags = ['brackets', 'nobrackets', 'di', 'zeros', 'fullwidth', 'space', 'nohao', 'typo'].map((t) => `docno:${t}`);
    for (const tag of tags) {
      expect(tagged(tag).length, tag).toBeGreaterThan(0);
    }
    for (const r of run.rows) {
      const v = cell(r, 'decision_no');
      if (v === '' && r.t.rejectField === 'decision_no') continue;
      const same = canonicalDocno(v) === byId.get(r.t.disclosureId)!.decisionNo;
      expect(same, `${r.file}#${r.t.row} ${v}`).toBe(!r.t.noise.includes('docno:typo'));
    }
    // The same disclosure arrives typed differently through different channels.
    const forms = new Map<number, Set<string>>();
    for (const r of run.rows) forms.set(r.t.disclosureId, (forms.get(r.t.disclosureId) ?? new Set()).add(cell(r, 'decision_no')));
    expect([...forms.values()].filter((s) => s.size > 1).length).toBeGreaterThan(100);
  });

  it('restates the fine in 处罚内容 in several forms, always the copy\'s own amount', () => {
    for (const f of ['wan2', 'yuan', 'yuanGrouped', 'renminbi', 'wanRenminbi']) {
      expect(tagged(`content:${f}`).length, f).toBeGreaterThan(0);
    }
    for (const r of run.rows) {
      const d = byId.get(r.t.disclosureId)!;
      const v = cell(r, 'penalty_content');
      if (!d.fine || r.t.rejectField === 'penalty_content') continue;
      const fine = r.t.conflictField === 'fine_amount' ? r.t.conflictValue! : d.fine;
      const yuan = Math.round(Number(fine) * 10_000);
      const m = /罚款(?:人民币)?([\d,.]+)(万?)元/.exec(v);
      expect(m, v).not.toBeNull();
      const said = Math.round(Number(m![1]!.replace(/,/g, '')) * (m![2] ? 10_000 : 1));
      expect(said, `${v} vs ${fine}万元`).toBe(yuan);
    }
  });

  it('fills absent codes with every placeholder clerks use, on rows that stay valid', () => {
    const seen = new Set(run.rows.flatMap((r) => [cell(r, 'subject_uscc'), cell(r, 'subject_orgcode')]));
    for (const p of PLACEHOLDERS.filter((x) => x !== '')) expect(seen.has(p), p).toBe(true);
    expect(tagged('code:placeholder').filter((r) => r.t.valid).length).toBeGreaterThan(run.rows.length / 2);
  });

  it('writes names with the city and district as people do, and invisible spaces', () => {
    for (const tag of ['name:prefix', 'name:nodistrict', 'name:invisible', 'name:brackets']) {
      expect(tagged(tag).length, tag).toBeGreaterThan(0);
    }
    expect(run.rows.some((r) => /^[（(]天津[）)]/.test(cell(r, 'subject_name')))).toBe(true);
    expect(tagged('name:nodistrict').every((r) => r.t.subjectBy !== 'name')).toBe(true);
  });

  it('leaves the export tool\'s artifacts: text markers before codes, midnight after dates', () => {
    const marked = tagged('code:textprefix');
    expect(marked.length).toBeGreaterThan(0);
    const fields = ['subject_uscc', 'subject_regno', 'subject_orgcode', 'subject_taxno', 'subject_id_no'] as const;
    expect(marked.filter((r) => !fields.some((f) => /^['\t]/.test(cell(r, f)))).map((r) => r.cells.slice(0, 9))).toEqual([]);
    const dates = ['decision_date', 'valid_until', 'publicity_until'] as const;
    expect(tagged('date:time').length).toBeGreaterThan(0);
    expect(tagged('date:time').filter((r) => !dates.some((f) => cell(r, f).endsWith(' 00:00:00'))).map((r) => r.cells)).toEqual([]);
  });

  it('keeps offices\' template habits: the 2016 category wording, 0 for an absent amount', () => {
    expect(tagged('category:legacy').every((r) => cell(r, 'subject_category') === '法人及其他组织')).toBe(true);
    expect(tagged('category:legacy').length).toBeGreaterThan(0);
    expect(tagged('amount:zero').length).toBeGreaterThan(0);
    const lacking = (r: RunRow): boolean => byId.get(r.t.disclosureId)!.fine === null || byId.get(r.t.disclosureId)!.confiscated === null;
    expect(tagged('amount:zero').every(lacking)).toBe(true);
  });

  it('gives natural persons 15-digit IDs (valid) and IDs whose check fails (invalid, for that field)', () => {
    const old = tagged('ric:15');
    expect(old.length).toBeGreaterThan(0);
    for (const r of old) {
      expect(cell(r, 'subject_id_no').replace(/^['\t]/, '')).toMatch(/^\d{15}$/);
      expect(r.t.valid).toBe(true);
    }
    const bad = run.rows.filter((r) => r.t.invalidKind === 'bad_ric_check');
    expect(bad.length).toBeGreaterThan(0);
    for (const r of bad) {
      expect(r.t).toMatchObject({ valid: false, rejectField: 'subject_id_no', rejectFamily: 'identifier' });
      expect(checkRic(cell(r, 'subject_id_no').replace(/^['\t]/, '')).reasons.map((x) => x.code)).toEqual(['check']);
    }
  });

  it('marks an individual business that writes a placeholder USCC without a registration number invalid', () => {
    const bad = run.rows.filter((r) => r.t.invalidKind === 'placeholder_without_regno');
    expect(bad.length).toBeGreaterThan(0);
    for (const r of bad) {
      expect(r.t).toMatchObject({ valid: false, rejectField: 'subject_regno', rejectFamily: 'required' });
      expect(cell(r, 'subject_category')).toBe('个体工商户');
      expect(cell(r, 'subject_regno')).toBe('');
      expect(cell(r, 'subject_uscc')).not.toBe('');
    }
    // Where no defect may be planted, the clerk leaves the cell empty instead.
    const kept = run.rows.filter((r) => r.t.valid && cell(r, 'subject_category') === '个体工商户' && cell(r, 'subject_regno') === '');
    for (const r of kept) expect(cell(r, 'subject_uscc').replace(/^['\t]/, '')).not.toMatch(/^(无|\/|-|——|不适用|N\/A|null|0{18})$/);
  });

  it('counts in the summary what the truth lines say', () => {
    expect(run.rows.filter((r) => !r.t.valid).length).toBe(summary.invalidRows);
    expect(summary.invalidByKind['bad_ric_check']).toBeGreaterThan(0);
    const docs = new Map<number, number>();
    for (const r of run.rows) if (r.t.valid) docs.set(r.t.disclosureId, (docs.get(r.t.disclosureId) ?? 0) + 1);
    expect([...docs.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0)).toBe(summary.duplicatePairsExpected);
  });
});
