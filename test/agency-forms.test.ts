// Data as agencies really send it (issue 12), through the CLI on real Temporal and PostgreSQL: the
// same disclosures through three channels, each clerk typing document numbers, restated fines,
// absent codes and names their own way. Every copy of one disclosure meets the others with no work
// for a steward; a real difference still reaches one; keys held from before a change of the key
// functions are recomputed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { recordHash } from '../domain/clean/clean-row.ts';
import { orgcodeCheckChar, regnoCheckDigit, usccCheckChar } from '../domain/codes/index.ts';
import { rekeyIfNeeded } from '../db/maintenance/rekey.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';

const PENALTY = datasetDefinition('admin_penalty');

const org = (body: string): string => body + orgcodeCheckChar(body)!;
function subject(name: string, rep: string, district: string, body: string, seq: string, head = '91') {
  const o = org(body);
  const u = head + district + o;
  const r = district + seq;
  return { name, rep, district, orgcode: o, uscc: u + usccCheckChar(u)!, regno: r + regnoCheckDigit(r)! };
}
const P = subject('天津市河西区瑞华医药有限公司', '刘洋', '120103', 'MA07RH3Y', '00011111');
const Q = subject('天津市南开区老王小吃店', '王建', '120104', 'MA08LW4K', '60022222', '92');
const R = subject('天津市南开区宏达商贸有限公司', '李明', '120104', 'MA06B2KL', '00023456');
const S = subject('天津市滨海新区永顺餐饮有限公司', '孙丽', '120116', '30003003', '00056789');
const T = subject('天津市河东区华兴建材有限公司', '赵强', '120102', '30002002', '00045678');
// Not in the registry (it is out of date): its copies carry the USCC, which the registry cannot confirm.
const T2 = subject('天津市河东区华兴建材有限公司', '赵强', '120102', '30009009', '00099999');
const CITY_MARKET = '111200000000100140';

const HEADER = '行政相对人名称,行政相对人类别,统一社会信用代码,工商注册号,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';
interface Copy { name: string; category?: string; uscc?: string; regno?: string; rep: string; docno: string; types?: string; content: string; fine: string }
const line = (c: Copy, source: string): string => [
  c.name, c.category ?? '法人及非法人组织', c.uscc ?? '', c.regno ?? '', c.rep, c.docno, '产品质量', '销售不合格产品', '《中华人民共和国产品质量法》第四十九条',
  c.types ?? '罚款', c.content, c.fine, '2024-05-10', '2025-05-09', '天津市市场监督管理委员会', CITY_MARKET, source, CITY_MARKET,
].join(',');

// Four disclosures; each list is one channel's copies of them, as its clerks type them.
const AGENCY: Copy[] = [
  { name: P.name, uscc: P.uscc, rep: P.rep, docno: '津市场监管罚〔2024〕第125号', content: '罚款0.2万元', fine: '0.2' },
  { name: Q.name, category: '个体工商户', uscc: '无', regno: Q.regno, rep: Q.rep, docno: '津市场监管罚【２０２４】１２６', types: '警告', content: '警告', fine: '/' },
  { name: R.name, uscc: R.uscc, rep: R.rep, docno: '津市场监管罚〔2024〕127号', content: '罚款40万元', fine: '40' },
  { name: S.name, uscc: S.uscc, rep: S.rep, docno: '津市场监管罚〔2024〕128号', content: '罚款3000元', fine: '0.3' },
  { name: T2.name, uscc: T2.uscc, rep: T2.rep, docno: '津市场监管罚〔2024〕129号', content: '罚款1万元', fine: '1' },
  { name: T2.name, uscc: T2.uscc, rep: T2.rep, docno: '津市场监管罚〔2024〕130号', content: '罚款2万元', fine: '2' },
];
const VERTICAL: Copy[] = [
  { name: '（天津）河西区瑞华医药有限公司', rep: P.rep, docno: '津市场监管罚(2024)125号', content: '罚款2000元', fine: '2000元' },
  {
    name: Q.name,
    category: '个体工商户',
    uscc: '000000000000000000',
    regno: Q.regno,
    rep: Q.rep,
    docno: '津市场监管罚〔2024〕0126号',
    types: '警告',
    content: '警告。',
    fine: '—',
  },
  { name: '天津南开宏达商贸有限公司', rep: R.rep, docno: '津市场监管罚 [2024] 第127号', content: '罚款40.00万元', fine: '"400,000.00元"' },
  { name: '天津永顺餐饮有限公司', uscc: S.uscc, rep: S.rep, docno: '津市场监管罚〔2024〕128号', content: '罚款2000元', fine: '0.2' },
  { name: T.name, rep: '赵某', docno: '津市场监管罚〔2024〕第129号', content: '罚款10000元', fine: '10000元' },
  { name: T.name, rep: '赵某', docno: '津市场监管罚〔2024〕130号', content: '罚款2万元', fine: '2' },
];
const PLATFORM: Copy[] = [
  { name: '瑞华医药（天津市河西区）有限公司', rep: P.rep, docno: '津市场监管罚2024第0125号', content: '处以罚款人民币贰仟元整', fine: '0.20万元' },
];

let f: TestFactory;
const upload = async (file: string, agency: string, extra: string[] = []) => {
  const r = await runCdf(['upload', file, '--agency', agency, '--dataset', 'admin_penalty', '--wait', '--json', ...extra], f.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { batchId: string; counts: Record<string, number> };
};
const write = (name: string, text: string, encoding = 'utf8'): string => {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, iconv.encode(text, encoding));
  return file;
};

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const registry = write(
    'registry.csv',
    ['uscc,name,regno,orgcode,legal_rep,district', ...[P, Q, R, S, T].map((s) => [s.uscc, s.name, s.regno, s.orgcode, s.rep, s.district].join(','))].join(
      '\n',
    ) + '\n',
  );
  const reg = await runCdf(
    ['upload', registry, '--agency', 'city_market_regulation', '--dataset', 'legal_person_registry', '--channel', 'scheduled_pull', '--wait', '--json'],
    f.env,
  );
  expect(reg.code, reg.stderr).toBe(0);
}, 120_000);
afterAll(async () => f?.close());

describe('six disclosures through three channels, each typed its own way', () => {
  const batches: string[] = [];
  it('accepts every row: placeholders for absent codes are read as empty', async () => {
    const a = await upload(write('agency.csv', [HEADER, ...AGENCY.map((c) => line(c, '天津市市场监督管理委员会'))].join('\n')), 'city_market_regulation');
    const v = await upload(write('vertical.csv', [HEADER, ...VERTICAL.map((c) => line(c, '国家市场监督管理总局'))].join('\n')), 'national_vertical');
    const p = await upload(write('platform.csv', [HEADER, ...PLATFORM.map((c) => line(c, '滨海新区信用平台'))].join('\r\n'), 'gb18030'), 'binhai_platform');
    batches.push(a.batchId, v.batchId, p.batchId);
    expect([a.counts, v.counts, p.counts].map((c) => [c.received, c.accepted, c.rejected])).toEqual([[6, 6, 0], [6, 6, 0], [1, 1, 0]]);
    const placeholders = await f.database
      .db('clean_changes')
      .whereIn('rule_id', ['code_placeholder', 'value_placeholder'])
      .orderBy(['batch_id', 'row_no', 'field'])
      .select('field', 'before');
    expect(placeholders.map((x) => `${x.field}:${x.before}`).sort()).toEqual(
      ['fine_amount:/', 'fine_amount:—', 'subject_uscc:000000000000000000', 'subject_uscc:无'].sort());
  });

  it('makes one golden record per disclosure, every copy its source', async () => {
    const db = f.database.db;
    const records = await db('golden_records').where({ dataset: 'admin_penalty' }).orderBy('natural_key').select('id', 'natural_key', 'subject_uscc');
    expect(records.map((r) => [r.natural_key, r.subject_uscc])).toEqual([
      [`津市场监管罚〔2024〕125号|${CITY_MARKET}`, P.uscc], [`津市场监管罚〔2024〕126号|${CITY_MARKET}`, Q.uscc],
      [`津市场监管罚〔2024〕127号|${CITY_MARKET}`, R.uscc], [`津市场监管罚〔2024〕128号|${CITY_MARKET}`, S.uscc],
      [`津市场监管罚〔2024〕129号|${CITY_MARKET}`, T2.uscc], [`津市场监管罚〔2024〕130号|${CITY_MARKET}`, T2.uscc],
    ]);
    const sources = await db('record_sources').whereIn('golden_id', records.map((r) => r.id)).groupBy('golden_id')
      .select('golden_id', db.raw('count(*)::int as n'));
    const sourceCount = Object.fromEntries(sources.map((x) => [x.golden_id, x.n]));
    // The fourth one's second copy disagrees, the last two's wait for a link: each becomes a source
    // when a steward decides.
    expect(records.map((r) => sourceCount[r.id])).toEqual([3, 2, 2, 1, 1, 1]);
  });

  it('links a name written another way by rule, and a copy named only loosely through its linked twin', async () => {
    const methods = await f.database.db('clean_rows').where({ batch_id: batches[1] }).orderBy('row_no').pluck('link_method');
    expect(methods).toEqual(['name', 'regno', 'copy', 'uscc', null, null]);
    expect(await f.database.db('clean_rows').where({ batch_id: batches[2] }).pluck('link_method')).toEqual(['name']);
    // A USCC whose registered name differs only by the district left off is no wrong code (重错码).
    expect(await f.database.db('clean_rows').where({ batch_id: batches[1], row_no: 4 }).first('link_confidence')).toEqual({ link_confidence: 1 });
    expect(await f.database.db('code_conflicts').where({ kind: 'uscc_name_mismatch' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('raises the one real disagreement, and holds copies whose only difference is an undecided link', async () => {
    const db = f.database.db;
    const tasks = await db('steward_tasks').orderBy('id').select('kind', 'row_no', 'detail');
    expect(tasks.map((t) => `${t.kind}:${t.row_no}`)).toEqual(['uncertain_link:5', 'uncertain_link:6', 'conflict:4']);
    expect(tasks[2].detail.differs).toEqual(['fine_amount', 'penalty_content']);
    expect(tasks[2].detail.held.values).toEqual({ fine_amount: '0.3', penalty_content: '罚款3000元' });
    expect(await db('clean_rows').where({ batch_id: batches[1] }).whereIn('row_no', [5, 6]).orderBy('row_no').pluck('class'))
      .toEqual(['awaiting_link', 'awaiting_link']);
  });

  it('compares a held copy once its link is decided: the same subject makes a duplicate, another a conflict', async () => {
    const db = f.database.db;
    const task = (row: number) => db('steward_tasks').where({ batch_id: batches[1], row_no: row, kind: 'uncertain_link' }).first('id');
    const same = await runCdf(['conflicts', 'resolve', String((await task(5)).id), '--link', T2.uscc, '--json'], f.env);
    expect(same.code, same.stderr).toBe(0);
    expect(await db('clean_rows').where({ batch_id: batches[1], row_no: 5 }).first('class')).toEqual({ class: 'duplicate' });
    expect(await db('record_sources').where({ batch_id: batches[1], row_no: 5 }).first('role')).toEqual({ role: 'duplicate' });
    const other = await runCdf(['conflicts', 'resolve', String((await task(6)).id), '--link', T.uscc, '--json'], f.env);
    expect(other.code, other.stderr).toBe(0);
    const raised = await db('steward_tasks').where({ batch_id: batches[1], row_no: 6, kind: 'conflict' }).first('status', 'detail');
    expect(raised.status).toBe('open');
    expect(raised.detail.differs).toEqual(['$subject']);
    expect([raised.detail.held.subjectUscc, raised.detail.incoming.subjectUscc]).toEqual([T2.uscc, T.uscc]);
  });
});

describe('keys held from before the key functions changed', () => {
  it('are recomputed once on migrate, and a decision still recognises what it overruled', async () => {
    const db = f.database.db;
    const task = await db('steward_tasks').where({ kind: 'conflict' }).orderBy('id').first('id', 'batch_id', 'row_no');
    const resolved = await runCdf(['conflicts', 'resolve', String(task.id), '--take', 'A', '--json'], f.env);
    expect(resolved.code, resolved.stderr).toBe(0);
    const row = await db('clean_rows').where({ batch_id: task.batch_id, row_no: task.row_no }).first('fields', 'subject_uscc', 'content_hash');
    const want = recordHash(PENALTY, row.fields, row.subject_uscc);
    expect(row.content_hash).toBe(want);
    // As a database keyed by the first versions would hold them.
    const g = await db('golden_records').where('natural_key', 'like', '津市场监管罚〔2024〕125号%').first('id', 'natural_key', 'content_hash');
    await db('golden_records').where({ id: g.id }).update({ natural_key: `津市场监管罚〔2024〕第125号|${CITY_MARKET}`, content_hash: 'stale-record' });
    await db('clean_rows').where({ batch_id: task.batch_id, row_no: task.row_no }).update({ content_hash: 'stale-row' });
    await db.raw(`update steward_tasks set decision = jsonb_set(decision, '{overruled}', '["stale-row"]') where id = ?`, [task.id]);
    await db('key_versions').where({ name: 'docno_key' }).update({ version: 0 });
    const r = await rekeyIfNeeded(db);
    expect(r).toMatchObject({ stale: ['docno_key'], golden: 1, keptOldKey: 0, decisions: 1 });
    expect(await db('golden_records').where({ id: g.id }).first('natural_key', 'content_hash')).toEqual({
      natural_key: g.natural_key,
      content_hash: g.content_hash,
    });
    expect((await db('steward_tasks').where({ id: task.id }).first('decision')).decision.overruled).toEqual([want]);
    expect(await rekeyIfNeeded(db)).toBeNull();
  });
});

describe('a copy left unlinked, then a copy that carries the code', () => {
  it('fills the record\'s subject from the later copy as its next version, with nothing for a steward', async () => {
    const db = f.database.db;
    const docno = '津市场监管罚〔2024〕131号';
    const key = `${docno}|${CITY_MARKET}`;
    // The agency's clerk wrote the shop's sign instead of its registered name, and no code.
    const clerk: Copy = { name: '宏达商行', rep: R.rep, docno, content: '罚款5000元', fine: '0.5' };
    const a = await upload(write('agency-131.csv', [HEADER, line(clerk, '天津市市场监督管理委员会')].join('\n')), 'city_market_regulation');
    expect(await db('clean_rows').where({ batch_id: a.batchId }).first('subject_uscc', 'link_method')).toEqual({ subject_uscc: null, link_method: null });
    expect(await db('golden_records').where({ natural_key: key }).first('subject_uscc', 'version')).toEqual({ subject_uscc: null, version: 1 });
    const copy = { ...clerk, name: R.name, uscc: R.uscc, docno: '津市场监管罚(2024)131号', content: '罚款0.5万元', fine: '5000元' };
    const v = await upload(write('vertical-131.csv', [HEADER, line(copy, '国家市场监督管理总局')].join('\n')), 'national_vertical');
    expect(v.counts).toMatchObject({ accepted: 1, conflicts: 0 });
    const g = await db('golden_records').where({ natural_key: key }).first('id', 'subject_uscc', 'version');
    expect([g.subject_uscc, g.version]).toEqual([R.uscc, 2]);
    expect(await db('steward_tasks').whereIn('batch_id', [a.batchId, v.batchId]).count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await db('record_sources').where({ golden_id: g.id }).orderBy('role').select('batch_id', 'role'))
      .toEqual([{ batch_id: v.batchId, role: 'chosen' }, { batch_id: a.batchId, role: 'superseded' }]);
  });
});
