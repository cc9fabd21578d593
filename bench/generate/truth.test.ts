// Checks every row of a 20,000-row run against its ground truth: what the truth says a row is,
// the file really holds. Oracles are domain/codes (identifiers) and read-back.ts (dates, amounts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docnoBrackets, halfWidth } from '../../domain/clean/rules.ts';
import { checkOrgcode, checkRegno, checkRic, checkTaxno, checkUscc, normalizeCode, USCC_PLACEHOLDER } from '../../domain/codes/index.ts';
import { COLUMN } from './channels.ts';
import type { Field } from './channels.ts';
import { generateDataset } from './dataset.ts';
import { wanText } from './formats.ts';
import { loadRun, readAmountYuan, readDate } from './read-back.ts';
import type { GeneratedRun, RunRow } from './read-back.ts';
import { toSimplified } from './trad.ts';
import type { TruthDisclosure } from './truth.ts';
import { INVALID_KINDS } from './truth.ts';
import { AUTHORITIES, PENALTY_COMBOS } from './vocab-penalty.ts';

const CODE_LIST = new Set(PENALTY_COMBOS.flatMap(([types]) => types));
let dir = '';
let run: GeneratedRun;
let rows: RunRow[] = [];
const disclosures = new Map<number, TruthDisclosure>();
const registry = new Map<string, { name: string; regno: string }>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cdf-truth-'));
  await generateDataset({ rows: 20_000, seed: 11, outDir: dir });
  run = await loadRun(dir);
  ({ rows } = run);
  for (const d of run.disclosures) disclosures.set(d.id, d);
  for (const s of run.registry) registry.set(s.uscc, s);
}, 120_000);
afterAll(async () => { rows = []; await rm(dir, { recursive: true, force: true }); });

const cell = (r: RunRow, f: Field): string => r.cells[COLUMN[f]] ?? '';
// Simplified script, no spaces, full-width brackets: the registry's spelling.
const foldName = (s: string): string => toSimplified(s).replace(/[\s\u3000]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
const split = (types: string): string[] => types.split(/[;；、,]/);

/** Problems found in the rows, as "file#row: what"; empty when the truth holds. */
function audit(check: (r: RunRow, d: TruthDisclosure, bad: (what: string) => void) => void, filter: (r: RunRow) => boolean): string[] {
  const out: string[] = [];
  for (const r of rows.filter(filter)) check(r, disclosures.get(r.t.disclosureId)!, (what) => out.push(`${r.file}#${r.t.row}: ${what}`));
  return out.slice(0, 10);
}

describe('ground truth of a 20,000-row run', () => {
  it('identifies every valid row\'s subject by codes that pass their checks and are the true subject\'s', () => {
    expect(audit((r, d, bad) => {
      const uscc = r.t.trueSubjectUscc;
      const u = normalizeCode(cell(r, 'subject_uscc'));
      if (u && u !== USCC_PLACEHOLDER && !(checkUscc(u).valid && u === uscc)) bad(`uscc ${u}`);
      if (u === USCC_PLACEHOLDER && r.t.subjectBy !== 'placeholder_regno') bad('placeholder');
      const o = normalizeCode(cell(r, 'subject_orgcode'));
      if (o && !(checkOrgcode(o).valid && o === uscc?.slice(8, 17))) bad(`orgcode ${o}`);
      const g = normalizeCode(cell(r, 'subject_regno'));
      if (g && !(checkRegno(g).valid && g === registry.get(uscc!)?.regno)) bad(`regno ${g}`);
      const x = normalizeCode(cell(r, 'subject_taxno'));
      if (x && !(checkTaxno(x).valid && x === uscc?.slice(2, 17))) bad(`taxno ${x}`);
      if (r.t.subjectBy === 'ric' && !(checkRic(cell(r, 'subject_id_no')).valid && cell(r, 'subject_id_no') === d.subjectIdNo)) bad('ric');
      if (r.t.subjectBy === 'name' && (u || o || g || x)) bad('name-only row carries a code');
      if (uscc !== d.subjectUscc) bad('subject differs from the disclosure');
    }, (r) => r.t.valid && r.t.invalidKind === undefined)).toEqual([]);
  });

  it('counts a mistyped USCC as valid only where the name is written without a typo (the link step repairs it)', () => {
    const repairable = rows.filter((r) => r.t.valid && r.t.invalidKind !== undefined);
    expect(repairable.length).toBeGreaterThan(0);
    expect(repairable.every((r) => r.t.invalidKind === 'bad_uscc_check' && !r.t.noise.includes('name:typo'))).toBe(true);
    expect(rows.filter((r) => !r.t.valid && r.t.invalidKind === 'bad_uscc_check').every((r) => r.t.noise.includes('name:typo'))).toBe(true);
  });

  it('writes names that fold back to the registry name, but for a one-character typo', () => {
    expect(audit((r, _d, bad) => {
      if (r.t.subjectBy === 'ric') return;
      const want = registry.get(r.t.trueSubjectUscc!)!.name;
      const got = foldName(cell(r, 'subject_name'));
      const noisy = r.t.noise.some((n) => n.startsWith('name:'));
      if (!noisy && cell(r, 'subject_name') !== want) bad('plain name differs');
      const diff = [...got].filter((c, k) => c !== [...want][k]).length;
      if (r.t.noise.includes('name:typo') ? !(diff === 1 && got.length === want.length) : got !== want) bad(`name ${got} vs ${want}`);
      if (r.t.noise.includes('name:traditional') && r.channel !== 'national_vertical') bad('traditional outside the vertical feed');
    }, (r) => r.t.valid && cell(r, 'subject_name') !== '')).toEqual([]);
  });

  it('writes in every valid row the disclosure\'s true values, or the planted conflicting one', () => {
    expect(audit((r, d, bad) => {
      const no = docnoBrackets.apply(halfWidth.apply(cell(r, 'decision_no')));
      if (no !== d.decisionNo) bad(`decision_no ${no}`);
      const date = readDate(cell(r, 'decision_date'));
      const iso = date && `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
      if (!date?.real || iso! < '2023-01-01' || iso! > '2025-12-31' || !readDate(cell(r, 'valid_until'))?.real) bad('dates');
      if (iso !== (r.t.conflictField === 'decision_date' ? r.t.conflictValue : d.decisionDate)) bad('decision date value');
      const fine = readAmountYuan(cell(r, 'fine_amount'));
      const fineWan = fine === null ? null : wanText(fine);
      if (fineWan !== (r.t.conflictField === 'fine_amount' ? r.t.conflictValue : d.fine)) bad(`fine ${cell(r, 'fine_amount')} vs ${d.fine}`);
      if (!split(cell(r, 'penalty_types')).every((t) => CODE_LIST.has(t)) || split(cell(r, 'penalty_types')).join(';') !== d.penaltyTypes) bad('types');
      if (cell(r, 'authority_uscc') !== d.authorityUscc) bad('authority');
    }, (r) => r.t.valid)).toEqual([]);
  });

  it('makes every planted invalid row invalid for the stated reason', () => {
    const kinds = new Set(rows.filter((r) => r.t.invalidKind !== undefined).map((r) => r.t.invalidKind));
    expect([...kinds].sort()).toEqual([...INVALID_KINDS].sort());
    expect(audit((r, d, bad) => {
      const v = cell(r, r.t.rejectField!);
      const date = readDate(v);
      const ok = {
        missing_required: v === '',
        bad_uscc_check: checkUscc(v).status === 'invalid' && checkUscc(v).reasons.some((x) => x.code === 'check')
          && [...v].filter((c, k) => c !== d.subjectUscc!.charAt(k)).length === 1,
        impossible_date: date !== null && !date.real,
        future_date: date !== null && date.real && date.y > 2030,
        unknown_penalty_type: !split(v).every((t) => CODE_LIST.has(t)),
        amount_inexact: v !== '' && readAmountYuan(v) === null && /余元$/.test(v),
        bad_ric_check: false, // the agencies mode's only; the default mode never plants it
        placeholder_without_regno: false, // the agencies mode's only, as bad_ric_check
      }[r.t.invalidKind!];
      if (!ok) bad(`${r.t.invalidKind} ${r.t.rejectField}=${v}`);
    }, (r) => r.t.invalidKind !== undefined)).toEqual([]);
  });

  it('routes copies as the catalogue does and plants conflicts only between copies', () => {
    const city = new Set(AUTHORITIES.filter((a) => a.region === '120000').map((a) => a.uscc));
    expect(audit((r, d, bad) => {
      if (r.channel === 'national_vertical' && !city.has(d.authorityUscc)) bad('vertical relays a district authority');
      if (r.channel === 'district_platform' && d.subjectUscc?.slice(2, 8) !== '120116') bad('platform relays a non-Binhai subject');
      if (r.t.conflictField && (d.copies < 2 || d.conflictField !== r.t.conflictField)) bad('conflict');
    }, () => true)).toEqual([]);
  });

  it('sums up to the truth-summary counts', () => {
    const valid = new Map<number, number>();
    for (const r of rows) if (r.t.valid) valid.set(r.t.disclosureId, (valid.get(r.t.disclosureId) ?? 0) + 1);
    const pairs = [...valid.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    expect(run.summary.rows).toBe(rows.length);
    expect(run.summary.duplicatePairsExpected).toBe(pairs);
    expect(run.summary.invalidRows).toBe(rows.filter((r) => !r.t.valid).length);
    expect(run.summary.conflictsPlanted).toBe(rows.filter((r) => r.t.conflictField).length);
    expect([run.summary.disclosures, run.summary.invalidRows / run.summary.rows]).toEqual([disclosures.size, expect.closeTo(0.02, 2)]);
  });

  it('exercises every kind of noise and every way of naming a subject', () => {
    const noise = 'amount:grouped amount:wan amount:wanShort amount:yuan cell:newline code:form date:cn date:compact date:dot '
      + 'date:excel date:slash docno:brackets docno:fullwidth name:brackets name:space name:traditional name:typo types:separator';
    expect(Object.keys(run.summary.noise).sort()).toEqual(noise.split(' '));
    expect(Object.keys(run.summary.subjectBy).sort()).toEqual(['name', 'orgcode', 'placeholder_regno', 'regno', 'ric', 'taxno', 'uscc', 'uscc_all']);
    expect(Object.keys(run.summary.conflictsByField).sort()).toEqual(['decision_date', 'fine_amount']);
  });
});
