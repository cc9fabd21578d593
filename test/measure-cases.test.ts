// Joint reward and punishment, the return half (联合奖惩反馈), end to end on real Temporal and
// PostgreSQL through the HTTP API: a black-list delivery opens one case per record, measure and
// department, each with its workflow; the department answers under its own token (another
// department and an operator are refused); a case with a short deadline goes overdue and is
// escalated and still takes feedback; a dispute reaches the steward queue and the steward's
// decision closes it; the figures count it all; the record's lineage shows delivery → measure →
// feedback; a pulled feedback table's rows are checked one by one.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chinaToday } from '../domain/china-day.ts';
import { buildApp } from '../server/app.ts';
import { recordFeedbackRows } from '../services/cases/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { MEASURE_CASE_WORKFLOW } from '../workflows/contract.ts';
import { measureCase } from '../workflows/index.ts';
import { signedAs } from './helpers/auth.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const day = (offset: number): string => chinaToday(new Date(Date.now() + offset * 86_400_000));
const COURT = '11120000000010102E';
const BINHAI = '911201163000100321';
const NANKAI = '91120104300010024R';
const LIST =
  'subject_name,subject_category,subject_uscc,legal_rep,list_name,list_type,decision_no,decision_date,dishonesty_type,' +
  'authority_name,authority_uscc,list_date,valid_until,removal_date';
const listed = (name: string, uscc: string, no: number, conduct: string, removal = '') =>
  [name, '法人及非法人组织', uscc, '张建国', '失信被执行人名单', '严重失信主体名单', `（2026）津执${no}号`, day(-30), conduct, '市高级人民法院', COURT, day(-30), day(300),
    removal].join(',');
const HOUSING = { id: 'housing_black_list', name: { zh: '住建委联合惩戒', en: 'housing joint punishment' }, dataset: 'black_list', sink: 'file',
  config: { format: 'ndjson' }, subscriber: 'city_housing' };

let f: TestFactory;
let app: FastifyInstance;
let base = '';
const call = async (spec: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${base}${url}`, {
    method, headers: await signedAs(f.database.db, spec, body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Any };
};
const TAX = 'agency:city_tax@tax_clerk';

async function upload(name: string, text: string): Promise<string> {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, text);
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_high_court', dataset: 'black_list' });
  expect((await waitForBatch(f.ctx, up.batchId)).status).toBe('done');
  return up.batchId;
}
const casesOf = async (batchId: string) => (await f.database.db('measure_cases').where({ batch_id: batchId }).orderBy('id')) as Any[];
const goldenOf = async (no: number) =>
  Number(((await f.database.db('golden_records').whereRaw(`fields->>'decision_no' = ?`, [`〔2026〕津执${no}号`]).first('id')) as { id: number }).id);
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  f = await createTestFactory();
  expect((await importDemoCatalogWith(f, HOUSING)).code).toBe(0);
  app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

let first = '';
let taxCase = 0;

describe('opening', () => {
  it('opens one case per record, measure and department with each delivery, each with its workflow holding the deadline', async () => {
    expect(measureCase.name).toBe(MEASURE_CASE_WORKFLOW);
    first = await upload('list-1.csv', [LIST,
      listed('滨海新区远航物流有限公司', BINHAI, 1, '虚开增值税专用发票（税收违法）'),
      listed('天津南开区鸿运商贸有限公司', NANKAI, 2, '有履行能力而拒不履行生效法律文书'),
      listed('天津南开区鸿运商贸有限公司', NANKAI, 3, '虚开增值税专用发票', day(-1)),
    ].join('\n'));
    const cases = await casesOf(first);
    const seen = cases.map((c) => `${c.department}:${c.measure}:${c.subject_uscc}`).sort();
    expect(seen).toEqual([
      `city_housing:housing_bid_ban:${BINHAI}`, `city_housing:housing_bid_ban:${NANKAI}`,
      `city_tax:tax_incentive_review:${BINHAI}`, `city_tax:tax_incentive_review:${NANKAI}`, `city_tax:tax_invoice_limit:${BINHAI}`,
    ].sort());
    for (const c of cases) {
      expect(c).toMatchObject({ status: 'open', dataset: 'black_list', batch_id: first });
      expect(c.delivery_key).toBe(`${c.subscription_id}:${first}`);
      expect((c.due_at.getTime() - c.opened_at.getTime()) / 86_400_000).toBeCloseTo(30, 3);
      expect(c.workflow_started_at).toBeInstanceOf(Date);
      const run = await f.ctx.temporal.workflow.getHandle(`case-${first}-${c.id}`).describe();
      expect(run.status.name).toBe('RUNNING');
    }
    taxCase = Number(cases.find((c) => c.measure === 'tax_invoice_limit').id);
  });
});

describe('feedback', () => {
  it('lists a department its own cases only', async () => {
    const tax = await call(TAX, 'GET', '/api/cases?limit=10');
    expect(tax.status).toBe(200);
    expect(tax.body.total).toBe(3);
    expect(tax.body.cases.every((c: Any) => c.department === 'city_tax')).toBe(true);
    expect(tax.body.cases.find((c: Any) => c.id === taxCase).measureName.zh).toBe('限制增值税专用发票领用');
    expect((await call('agency:city_housing', 'GET', '/api/cases')).body.total).toBe(2);
    expect((await call('admin@t', 'GET', `/api/cases?department=city_tax&measure=tax_invoice_limit`)).body.total).toBe(1);
  });

  it('refuses incomplete feedback, another department and an operator, and changes nothing', async () => {
    const bad = await call(TAX, 'POST', `/api/cases/${taxCase}/feedback`, { outcome: 'applied', detail: { where: '河西区办税服务厅' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'CDF_CASE_FEEDBACK_INVALID' });
    expect(bad.body.messageZh).toContain('时间（when）');
    expect(bad.body.messageEn).toContain('when');
    const other = await call('agency:city_housing', 'POST', `/api/cases/${taxCase}/feedback`, { outcome: 'not_encountered' });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CDF_CASE_UNKNOWN');
    const operator = await call('admin@t', 'POST', `/api/cases/${taxCase}/feedback`, { outcome: 'not_encountered' });
    expect(operator.status).toBe(403);
    expect((await f.database.db('measure_cases').where({ id: taxCase }).first('status', 'outcome'))).toEqual({ status: 'open', outcome: null });
  });

  it('closes a case with the department\'s feedback through its workflow, once', async () => {
    const fb = { outcome: 'applied', detail: { where: '河西区办税服务厅', when: '2026-11-30T10:00:00+08:00' } };
    const ok = await call(TAX, 'POST', `/api/cases/${taxCase}/feedback`, fb);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ caseId: taxCase, status: 'closed', outcome: 'applied', disputeTaskId: null });
    const result = await f.ctx.temporal.workflow.getHandle(`case-${first}-${taxCase}`).result();
    expect(result).toEqual({ caseId: taxCase, status: 'closed', overdue: false });
    // The same answer again is the same answer (the workflow has ended: recorded directly); another is refused.
    const again = await call(TAX, 'POST', `/api/cases/${taxCase}/feedback`, fb);
    expect(again.body).toEqual(ok.body);
    const changed = await call(TAX, 'POST', `/api/cases/${taxCase}/feedback`, { outcome: 'not_encountered' });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('CDF_CASE_ANSWERED');
    const row = await f.database.db('measure_cases').where({ id: taxCase }).first('status', 'outcome', 'detail', 'feedback_by');
    expect(row).toEqual({ status: 'closed', outcome: 'applied', detail: fb.detail, feedback_by: 'tax_clerk' });
    expect(await f.database.db('audit_log').where({ kind: 'case_feedback', subject: `case:${taxCase}` }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});

describe('a dispute', () => {
  it('reaches the steward queue, and the steward\'s decision closes it', async () => {
    const c = (await casesOf(first)).find((x) => x.department === 'city_housing' && x.subject_uscc === NANKAI);
    const claim = '该主体系天津南开区鸿运商贸有限责任公司（另一家），统一社会信用代码不同';
    const res = await call('agency:city_housing', 'POST', `/api/cases/${c.id}/feedback`, { outcome: 'disputed', detail: { claim } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disputed', outcome: 'disputed' });
    const taskId = res.body.disputeTaskId as number;
    const queue = await call('steward@curator', 'GET', '/api/steward/tasks?kind=case_dispute');
    expect(queue.status).toBe(200);
    const item = queue.body.tasks.find((i: Any) => i.id === taskId);
    expect(item).toMatchObject({ kind: 'case_dispute', kindName: { zh: '联合奖惩主体异议' } });
    const view = await call('steward@curator', 'GET', `/api/steward/tasks/${taskId}`);
    expect(view.body.actions.map((a: Any) => a.action)).toEqual(['take_held', 'link']);
    const decided = await call('steward@curator', 'POST', `/api/steward/tasks/${taskId}/decision`, { decision: { action: 'take_held' }, note: '经核对，名单主体无误' });
    expect(decided.status).toBe(200);
    const row = await f.database.db('measure_cases').where({ id: c.id }).first('status', 'outcome', 'resolution', 'resolved_by');
    expect(row).toEqual({ status: 'closed', outcome: 'disputed', resolution: { action: 'take_held', note: '经核对，名单主体无误' }, resolved_by: 'curator' });
    expect(await f.database.db('steward_tasks').where({ id: taskId }).first('status')).toEqual({ status: 'decided' });
  });
});

describe('the deadline', () => {
  let late = 0;
  it('marks a case without feedback overdue at its deadline, escalates it, and lists it first', async () => {
    f.config.caseFeedbackDays = 4 / 86_400; // the worker reads the same configuration: 4 seconds
    try {
      const second = await upload('list-2.csv', [LIST, listed('滨海新区远航物流有限公司', BINHAI, 4, '有履行能力而拒不履行生效法律文书')].join('\n'));
      const cases = await casesOf(second);
      expect(cases.map((c) => `${c.department}:${c.measure}`).sort()).toEqual(['city_housing:housing_bid_ban', 'city_tax:tax_incentive_review']);
      late = Number(cases.find((c) => c.department === 'city_tax').id);
      const row = await until(() => f.database.db('measure_cases').where({ id: late }).first('status', 'escalated_at'), (r) => r.status === 'overdue');
      expect(row.status).toBe('overdue');
      expect(row.escalated_at).toBeInstanceOf(Date);
      expect(await f.database.db('audit_log').where({ kind: 'case_overdue', subject: `case:${late}` }).count({ n: '*' })).toEqual([{ n: 1 }]);
      const mine = await call(TAX, 'GET', '/api/cases');
      expect(mine.body.cases[0]).toMatchObject({ id: late, status: 'overdue', overdue: true });
      expect((await call(TAX, 'GET', '/api/cases?overdue=true')).body.cases.map((x: Any) => x.id)).toEqual([late]);
    } finally {
      f.config.caseFeedbackDays = 30;
    }
  });

  it('still takes feedback once overdue, which closes the case and ends its workflow', async () => {
    const res = await call(TAX, 'POST', `/api/cases/${late}/feedback`, { outcome: 'governance_result', detail: { text: '街道约谈企业负责人，已督促履行' } });
    expect(res.body).toMatchObject({ status: 'closed', outcome: 'governance_result' });
    const batch = ((await f.database.db('measure_cases').where({ id: late }).first('batch_id')) as { batch_id: string }).batch_id;
    expect(await f.ctx.temporal.workflow.getHandle(`case-${batch}-${late}`).result()).toEqual({ caseId: late, status: 'closed', overdue: true });
  });
});

describe('pulled feedback rows', () => {
  it('records each row on its own, naming the row and the reason of one refused', async () => {
    const open = (await f.database.db('measure_cases').where({ department: 'city_tax', status: 'open', subject_uscc: NANKAI }).first('id')) as { id: number };
    const rows = await recordFeedbackRows(f.ctx, [
      { caseId: Number(open.id), department: 'city_housing', outcome: 'not_encountered' },
      { caseId: Number(open.id), department: 'city_tax', outcome: 'not_applicable', detail: {} },
      { caseId: Number(open.id), department: 'city_tax', outcome: 'not_encountered', by: 'tax_system' },
    ]);
    expect(rows.map((r) => (r.ok ? r.answer.status : r.code))).toEqual(['CDF_CASE_UNKNOWN', 'CDF_CASE_FEEDBACK_INVALID', 'closed']);
    expect(rows[1]!.ok ? '' : rows[1]!.message.zh).toMatch(/^第 2 行：不适用须写明原因/);
  });
});

describe('figures and lineage', () => {
  it('counts cases per department, measure and list, by the API and the CLI', async () => {
    // The housing case of the short deadline goes overdue beside the tax one.
    await until(() => f.database.db('measure_cases').where({ department: 'city_housing', status: 'overdue' }).count({ n: '*' }), (r) => r[0]!.n === 1);
    const res = await call('admin@t', 'GET', '/api/cases/figures');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.figures.map((x: Any) => [`${x.department}:${x.measure}`, x]));
    expect(by['city_tax:tax_invoice_limit']).toMatchObject({ dataset: 'black_list', opened: 1, closed: 1, overdue: 0, closureRate: 1 });
    expect(by['city_tax:tax_incentive_review']).toMatchObject({ opened: 3, closed: 2, open: 1, late: 1 });
    expect(by['city_housing:housing_bid_ban']).toMatchObject({ opened: 3, closed: 1, overdue: 1, open: 1, closureRate: 0.3333 });
    expect(by['city_tax:tax_invoice_limit'].medianHours).toBeGreaterThanOrEqual(0);
    expect((await call(TAX, 'GET', '/api/cases/figures')).body.figures.every((x: Any) => x.department === 'city_tax')).toBe(true);
    const cli = await runCdf(['cases', 'figures', '--json'], f.env);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as Any[]).length).toBe(3);
    const list = await runCdf(['cases', 'list', '--overdue', '--as', 'agency:city_housing'], f.env);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('shows the record\'s cases in its lineage: delivery → measure → feedback', async () => {
    const goldenId = await goldenOf(1);
    const res = await call('auditor@t', 'GET', `/api/lineage/records/${goldenId}`);
    expect(res.status).toBe(200);
    const steps = res.body.cases.map((c: Any) => `${c.deliveryKey} → ${c.measure} → ${c.outcome ?? c.status}`).sort();
    expect(steps).toEqual([
      `housing_black_list:${first} → housing_bid_ban → open`,
      `tax_black_list:${first} → tax_incentive_review → open`,
      `tax_black_list:${first} → tax_invoice_limit → applied`,
    ]);
    expect(res.body.cases.find((c: Any) => c.measure === 'tax_invoice_limit')).toMatchObject({ department: 'city_tax', feedbackBy: 'tax_clerk',
      detail: { where: '河西区办税服务厅' } });
  });
});
