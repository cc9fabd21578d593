// The link step on real PostgreSQL and Temporal: a registry loaded through the ordinary upload
// path, then one penalty extract whose rows exercise every link method, the steward hand-off for
// uncertain links and every kind of code conflict (重错码). Codes are computed with their check
// characters, so every "valid" code here is valid by the standard.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { orgcodeCheckChar, regnoCheckDigit, usccCheckChar } from '../domain/codes/index.ts';
import { recordHash } from '../domain/clean/clean-row.ts';
import { blockKey, nameKey } from '../domain/link/name-key.ts';
import { parseIdentity } from '../services/identity.ts';
import { linkQualityByAgency } from '../services/link-quality.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';

const PENALTY = datasetDefinition('admin_penalty');

const org = (body: string): string => body + orgcodeCheckChar(body)!;
const uscc = (head: string, district: string, orgcode: string): string => head + district + orgcode + usccCheckChar(head + district + orgcode)!;
const regno = (first14: string): string => first14 + regnoCheckDigit(first14)!;

function subject(name: string, rep: string, district: string, body: string, seq: string) {
  const o = org(body);
  return { name, rep, district, orgcode: o, uscc: uscc('91', district, o), regno: regno(district + seq) };
}

const A = subject('天津市和平区福源科技有限公司', '张建国', '120101', 'MA05T8PX', '00012345');
const B = subject('天津市南开区宏达商贸有限公司', '李明', '120104', 'MA06B2KL', '00023456');
const C = subject('天津市河西区福达科技有限公司', '王伟', '120103', '30001001', '00034567');
const D = subject('天津市河东区华兴建材有限公司', '赵强', '120102', '30002002', '00045678');
const E1 = subject('天津市红桥区永顺餐饮有限公司', '孙丽', '120106', '30003003', '00056789');
const E2 = subject('天津市红桥区永顺餐饮有限公司', '周敏', '120106', '30004004', '00067890');
const F = subject('天津市西青区恒通物流有限公司', '钱程', '120111', '30005005', '00078901');
const G = subject('天津市北辰区鑫源建材有限公司', '吴刚', '120113', '30006006', '00089012');
const H = subject('天津市津南区宏远机械有限公司', '郑凯', '120112', '30007007', '00090123');
const REGISTERED = [A, B, C, D, E1, E2, F, G, H];
// Valid codes nobody registered.
const X = uscc('91', '120116', org('30008008'));
const Z1 = uscc('91', '120116', org('30009009'));
const Z2 = uscc('91', '120116', org('30010010'));
// G's USCC with position 12 mistyped: the check character no longer fits.
const G_TYPO = G.uscc.slice(0, 11) + (G.uscc[11] === '1' ? '2' : '1') + G.uscc.slice(12);

const CITY_MARKET = '111200000000100140';
const HEADER =
  'subject_name,subject_category,subject_uscc,subject_regno,subject_orgcode,subject_taxno,legal_rep,subject_id_type,subject_id_no,' +
  'decision_no,violation_type,facts,legal_basis,penalty_types,penalty_content,fine_amount,decision_date,valid_until,' +
  'authority_name,authority_uscc,source_agency_name,source_agency_uscc';

interface Row {
  name: string;
  category?: string;
  uscc?: string;
  regno?: string;
  orgcode?: string;
  taxno?: string;
  rep?: string;
  idNo?: string;
  no: number;
  fine?: string;
}
const line = (r: Row): string => [
  r.name, r.category ?? '法人及非法人组织', r.uscc ?? '', r.regno ?? '', r.orgcode ?? '', r.taxno ?? '', r.rep ?? '',
  r.idNo ? '身份证' : '', r.idNo ?? '', `津市场监管罚〔2025〕${r.no}号`, '产品质量', '销售不合格产品', '《中华人民共和国产品质量法》第四十九条', '罚款', '罚款', r.fine ?? '1.5',
  '2025-03-01', '2026-03-01', '天津市市场监督管理委员会', CITY_MARKET, '天津市市场监督管理委员会', CITY_MARKET,
].join(',');

// Row number = index + 1. What each row is for is its comment.
const ROWS: Row[] = [
  { name: A.name, uscc: A.uscc, rep: A.rep, no: 201 }, //                                   1 uscc, confirmed by the registry's name
  { name: B.name, orgcode: `${B.orgcode.slice(0, 8)}-${B.orgcode.slice(8)}`, rep: B.rep, no: 202 }, // 2 organisation code
  { name: C.name, taxno: C.district + C.orgcode, rep: C.rep, no: 203 }, //                  3 15-character tax number
  { name: D.name, regno: D.regno, rep: D.rep, no: 204 }, //                                 4 registration number
  { name: '天津市和平區福源科技有限公司', rep: '張建國', no: 205 }, //                          5 exact name (traditional script folded)
  { name: '天津市西青区恒通物留有限公司', rep: F.rep, no: 206 }, //                           6 fuzzy name (one wrong character)
  { name: E1.name, rep: '王五', no: 207 }, //                                                7 two subjects share the name: steward
  { name: A.name, rep: '赵六', no: 208 }, //                                                 8 name matches, legal rep does not: steward
  { name: G.name, uscc: G_TYPO, rep: G.rep, no: 209 }, //                                    9 USCC typo repaired through the name
  { name: '天津市津南区兴旺餐饮店', uscc: H.uscc, rep: '冯七', no: 210 }, //                  10 USCC whose registered name differs
  { name: '天津市滨海新区海纳电子有限公司', uscc: X, rep: '褚八', no: 211 }, //               11 valid USCC, not registered …
  { name: '天津市滨海新区蓝天旅行社有限公司', uscc: X, rep: '卫九', no: 212 }, //             12 … and carried by another name too
  { name: '天津市滨海新区宏图印刷有限公司', uscc: Z1, rep: '蒋十', no: 213 }, //              13 one name …
  { name: '天津市滨海新区宏图印刷有限公司', uscc: Z2, rep: '蒋十', no: 214 }, //              14 … with two USCCs
  { name: '天津市和平区不存在贸易有限公司', uscc: G_TYPO, rep: '沈一', no: 215 }, //          15 USCC typo, name unknown: refused
  { name: '王立军', category: '自然人', idNo: '11010519491231002X', no: 216 }, //            16 natural person: never linked
  { name: '天津市完全无关实业有限公司', orgcode: B.orgcode, rep: '韩二', no: 217 }, //         17 organisation code of a differently named subject
  { name: A.name, orgcode: A.orgcode, rep: A.rep, no: 201 }, //                              18 row 1's disclosure named by code: a duplicate
  { name: '天津市西青区恒通物留有限公司', rep: '钱成', no: 219 }, //                           19 name typo and legal rep typo: trigram block, steward
];

let f: TestFactory;
let batchId: string;
const admin = parseIdentity('admin@test');

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const registry = path.join(f.config.dataDir, 'registry.csv');
  writeFileSync(
    registry,
    ['uscc,name,regno,orgcode,legal_rep,district', ...REGISTERED.map((s) => [s.uscc, s.name, s.regno, s.orgcode, s.rep, s.district].join(','))].join('\n') +
      '\n',
  );
  const reg = await uploadFile(f.ctx, admin, registry, { agency: 'city_market_regulation', dataset: 'legal_person_registry', channel: 'scheduled_pull' });
  expect((await waitForBatch(f.ctx, reg.batchId)).counts).toMatchObject({ accepted: REGISTERED.length, rejected: 0 });
  const extract = path.join(f.config.dataDir, 'penalties.csv');
  writeFileSync(extract, [HEADER, ...ROWS.map(line)].join('\n') + '\n');
  const up = await uploadFile(f.ctx, admin, extract, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
  expect((await waitForBatch(f.ctx, batchId)).status).toBe('done');
}, 120_000);
afterAll(async () => f?.close());

const linkOf = async (rowNo: number) =>
  f.database.db('clean_rows').where({ batch_id: batchId, row_no: rowNo }).first('subject_uscc', 'link_method', 'link_confidence') as Promise<
    { subject_uscc: string | null; link_method: string | null; link_confidence: number | null } | undefined
  >;

describe('the registry', () => {
  it('is a dataset loaded by upload: its subjects become what links resolve against', async () => {
    const rows = await f.database.db('registry_subjects').orderBy('uscc').select('uscc', 'orgcode', 'regno', 'name_key', 'rep_key');
    expect(rows).toHaveLength(REGISTERED.length);
    expect(rows.find((r) => r.uscc === A.uscc)).toEqual({ uscc: A.uscc, orgcode: A.orgcode, regno: A.regno, name_key: nameKey(A.name), rep_key: A.rep });
  });
});

describe('the blocking key', () => {
  it('is the same in SQL (cdf_block_key) as in TypeScript', async () => {
    const names = [...REGISTERED.map((x) => x.name), '福源科技（天津）有限公司', '天津滨海新区海纳电子股份有限公司', '宁河区泓光装饰材料店', '天津市'].map(nameKey);
    const { rows } = await f.database.db.raw<{ rows: Array<{ k: string }> }>(
      'select cdf_block_key(k) as k from unnest(cast(? as text[])) with ordinality x(k, i) order by i',
      [names],
    );
    expect(rows.map((r) => r.k)).toEqual(names.map(blockKey));
    expect(blockKey(nameKey(A.name))).toBe('福源科技');
  });
});

describe('link methods', () => {
  it.each([
    [1, A.uscc, 'uscc', 1],
    [2, B.uscc, 'orgcode', 0.98],
    [3, C.uscc, 'taxno', 0.98],
    [4, D.uscc, 'regno', 0.98],
    [5, A.uscc, 'name', 0.98],
    [9, G.uscc, 'uscc_repaired', 0.9],
    [10, H.uscc, 'uscc', 0.7],
    [11, X, 'uscc', 0.9],
    [17, B.uscc, 'orgcode', 0.7],
    [18, A.uscc, 'orgcode', 0.98],
  ])('row %i links to its subject', async (rowNo, expected, method, confidence) => {
    const l = await linkOf(rowNo);
    expect(l).toMatchObject({ subject_uscc: expected, link_method: method });
    expect(l!.link_confidence).toBeCloseTo(confidence, 5);
  });

  it('links a one-character typo of a name through a trigram block scored by fuse.js', async () => {
    const l = await linkOf(6);
    expect(l).toMatchObject({ subject_uscc: F.uscc, link_method: 'name_fuzzy' });
    expect(l!.link_confidence).toBeGreaterThanOrEqual(0.9);
    expect(l!.link_confidence).toBeLessThan(1);
  });

  it('never links a natural person', async () => {
    expect(await linkOf(16)).toEqual({ subject_uscc: null, link_method: null, link_confidence: null });
  });

  it('folds the subject into each row\'s content hash exactly as a rewritten record\'s hash is computed', async () => {
    // Linked rows, rows left unlinked (7, 8, 19) and the natural person (16): the SQL fold in the
    // link step and recordHash in TypeScript must agree, or a record a steward rewrote would never
    // again compare equal to the copies it came from.
    const rows = (await f.database
      .db('clean_rows')
      .where({ batch_id: batchId })
      .orderBy('row_no')
      .select('row_no', 'fields', 'subject_uscc', 'content_hash')) as Array<{
      row_no: number;
      fields: Record<string, string>;
      subject_uscc: string | null;
      content_hash: string;
    }>;
    expect(rows.map((r) => r.row_no)).toEqual(expect.arrayContaining([7, 8, 16, 19]));
    for (const r of rows) expect(recordHash(PENALTY, r.fields, r.subject_uscc), `row ${r.row_no}`).toBe(r.content_hash);
  });

  it('makes copies of one disclosure that name the subject by different codes duplicates, not conflicts', async () => {
    const rows = await f.database.db('clean_rows').where({ batch_id: batchId }).whereIn('row_no', [1, 18]).orderBy('row_no').select('class');
    expect(rows.map((r) => r.class)).toEqual(['new', 'duplicate']);
  });
});

describe('the steward hand-off', () => {
  it('queues an uncertain link with its candidates instead of guessing', async () => {
    const tasks = await f.database
      .db('steward_tasks')
      .where({ batch_id: batchId, kind: 'uncertain_link' })
      .orderBy('row_no')
      .select('row_no', 'kind', 'status', 'detail');
    expect(tasks.map((t) => [t.row_no, t.kind, t.status, t.detail.reason])).toEqual([
      [7, 'uncertain_link', 'open', 'several_subjects'],
      [8, 'uncertain_link', 'open', 'legal_rep_differs'],
      [19, 'uncertain_link', 'open', 'close_candidates'],
    ]);
    // Row 19's legal representative is no registered one: its block came from the name's trigrams.
    expect(tasks[2].detail.candidates).toEqual([expect.objectContaining({ uscc: F.uscc, repAgrees: false })]);
    expect(tasks[0].detail.candidates.map((c: { uscc: string }) => c.uscc).sort()).toEqual([E1.uscc, E2.uscc].sort());
    expect(tasks[1].detail.candidates).toEqual([{ uscc: A.uscc, name: A.name, repAgrees: false }]);
    for (const rowNo of [7, 8, 19]) expect(await linkOf(rowNo)).toMatchObject({ subject_uscc: null, link_method: null });
  });

  it('lists the queue for stewards with cdf conflicts list, in Chinese or English', async () => {
    const zh = await runCdf(['conflicts', 'list'], f.env);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain(`主体关联待确认\t${batchId}:7\t${E1.name}\t多个登记主体同名`);
    expect(zh.stdout).toContain(`候选 ${E2.uscc} ${E2.name}`);
    const en = await runCdf(['conflicts', 'list', '--lang', 'en'], f.env);
    expect(en.stdout).toContain(`uncertain subject link\t${batchId}:8\t${A.name}\tthe name matches but the legal representative differs`);
    const agency = await runCdf(['conflicts', 'list', '--as', 'agency:city_market_regulation'], f.env);
    expect(agency.code).toBe(1);
  });

  it('does not hold the batch: the uncertain rows are synced without a subject', async () => {
    const sources = await f.database.db('record_sources').where({ batch_id: batchId }).whereIn('row_no', [7, 8]).count({ n: '*' });
    expect(sources).toEqual([{ n: 2 }]);
  });

  it('takes the steward\'s choice of subject, through the batch\'s workflow, as a new version of the record', async () => {
    const db = f.database.db;
    const task = (await db('steward_tasks').where({ batch_id: batchId, row_no: 7 }).first('id')) as { id: number };
    const r = await runCdf(['conflicts', 'resolve', String(task.id), '--link', E1.uscc, '--json'], f.env);
    expect(r.stderr).toBe('');
    const outcome = JSON.parse(r.stdout) as { goldenId: number };
    const [{ n: open }] = (await db('steward_tasks').where({ batch_id: batchId, status: 'open' }).count({ n: '*' })) as [{ n: number }];
    expect(outcome).toMatchObject({ taskId: task.id, action: 'link', version: 2, open });
    expect(await linkOf(7)).toMatchObject({ subject_uscc: E1.uscc, link_method: 'steward', link_confidence: 1 });
    expect(await db('golden_records').where({ id: outcome.goldenId }).first('subject_uscc', 'version')).toEqual({ subject_uscc: E1.uscc, version: 2 });
    // A choice outside the candidates must still be a USCC: refused by the workflow's validator.
    const other = (await db('steward_tasks').where({ batch_id: batchId, row_no: 8 }).first('id')) as { id: number };
    const bad = await runCdf(['conflicts', 'resolve', String(other.id), '--link', 'not-a-code'], f.env);
    expect(bad.code).toBe(2);
    expect(await db('steward_tasks').where({ id: other.id }).first('status')).toEqual({ status: 'open' });
  });
});

describe('code conflicts (重错码)', () => {
  it('records each kind on the rows it concerns', async () => {
    const rows = await f.database.db('code_conflicts').where({ batch_id: batchId }).orderBy(['row_no', 'kind']).select('row_no', 'kind', 'code');
    expect(rows).toEqual([
      { row_no: 9, kind: 'uscc_check_failed', code: G_TYPO },
      { row_no: 10, kind: 'uscc_name_mismatch', code: H.uscc },
      { row_no: 11, kind: 'one_code_two_subjects', code: X },
      { row_no: 12, kind: 'one_code_two_subjects', code: X },
      { row_no: 13, kind: 'one_subject_two_codes', code: Z1 },
      { row_no: 14, kind: 'one_subject_two_codes', code: Z2 },
      { row_no: 17, kind: 'code_name_mismatch', code: B.orgcode },
    ]);
  });

  it('refuses a mistyped USCC whose name is not registered, with the clean step\'s reason', async () => {
    expect(await linkOf(15)).toBeUndefined();
    const rejects = await f.database.db('rejects').where({ batch_id: batchId }).select('row_no', 'field', 'code', 'message_zh');
    expect(rejects).toEqual([expect.objectContaining({ row_no: 15, field: 'subject_uscc', code: 'CDF_CODE_INVALID' })]);
    expect(rejects[0].message_zh).toContain('校验码');
  });
});

describe('quality figures', () => {
  it('reports 换码率 and 重错码率 for the batch', async () => {
    const b = await waitForBatch(f.ctx, batchId);
    // 17 organisation rows accepted (19 rows − the refused row 15 − the natural person).
    // Without a valid USCC of their own: rows 2–9, 17, 18, 19 = 11; converted: all but 7, 8, 19 = 8.
    expect(b.counts).toMatchObject({ received: 19, accepted: 18, rejected: 1, linked: 14, unlinked: 3, linkPending: 3 });
    expect(b.counts.link).toEqual({ organisations: 17, withoutUscc: 11, converted: 8, codeConflictRows: 7, conversionRate: 0.7273, wrongCodePerMille: 411.76 });
    const text = await runCdf(['batch', 'show', batchId], f.env);
    expect(text.stdout).toContain('换码率: 72.73%（未带有效统一社会信用代码的 11 行中转换 8 行）');
    expect(text.stdout).toContain('重错码率: 411.76‰（7 / 17 行）');
    const en = await runCdf(['batch', 'show', batchId, '--lang', 'en'], f.env);
    expect(en.stdout).toContain('USCC conversion rate: 72.73% (8 of 11 rows without a valid USCC converted)');
  });

  it('adds the figures up per agency', async () => {
    const q = await linkQualityByAgency(f.database.db, admin, 'city_market_regulation');
    // The registry batch has no link figures: it is what the links resolve against.
    expect(q).toEqual([
      {
        agency: 'city_market_regulation',
        batches: 1,
        organisations: 17,
        withoutUscc: 11,
        converted: 8,
        codeConflictRows: 7,
        conversionRate: 0.7273,
        wrongCodePerMille: 411.76,
      },
    ]);
  });
});

describe('cdf codes map', () => {
  it('resolves each kind of legacy code through the registry, with method and confidence', async () => {
    const r = await runCdf(['codes', 'map', A.uscc, B.orgcode, `${C.district}${C.orgcode}`, D.regno, X, '11010519491231002X', 'ABC', '--json'], f.env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{
      input: string;
      kind: string;
      uscc: string | null;
      method: string | null;
      confidence: number | null;
      name: string | null;
    }>;
    expect(out.map((o) => [o.kind, o.uscc, o.method, o.confidence])).toEqual([
      ['uscc', A.uscc, 'uscc', 1],
      ['orgcode', B.uscc, 'orgcode', 0.98],
      ['taxno', C.uscc, 'taxno', 0.98],
      ['regno', D.uscc, 'regno', 0.98],
      ['uscc', X, 'uscc', 0.9],
      ['ric', null, null, null],
      ['unknown', null, null, null],
    ]);
    expect(out[1]!.name).toBe(B.name);
    const text = await runCdf(['codes', 'map', B.orgcode], f.env);
    expect(text.stdout).toContain(`${B.uscc}\torgcode\t0.98\t登记主体：${B.name}`);
  });
});
