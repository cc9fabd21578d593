// Scopes and masking at service level, on real PostgreSQL and Temporal with the demo catalogue:
// a Heping (120101) and a Nankai (120104) agency each send a batch; a Heping steward sees only
// Heping's batches, items, records and deliveries, and Nankai's are "not found" to it (repair
// included: nothing withdrawn, nothing sent); personal data is masked for everyone without the
// unmask right and served plain, with one audit entry an answer, to whoever holds it; an agency
// maps codes through the registry only when the catalogue shares it with the agency.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ricCheckChar } from '../domain/codes/index.ts';
import type { CdfError } from '../domain/errors.ts';
import { batchesFor, exportRejects, getBatch } from '../services/batches.ts';
import { mapCodes } from '../services/codes.ts';
import { repairRecord } from '../services/credit-repair.ts';
import { listDeliveries } from '../services/deliveries.ts';
import { exportGolden } from '../services/golden-export.ts';
import { parseIdentity } from '../services/identity.ts';
import type { Identity } from '../services/identity.ts';
import { batchLineage, recordLineage } from '../services/lineage.ts';
import { batchOpenLineage } from '../services/openlineage.ts';
import { validationReport } from '../services/report.ts';
import { decideStewardTask, listStewardTasks } from '../services/steward.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const HEADER = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,'
  + '处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';
const ric = (body: string) => body + ricCheckChar(body)!;
const HEPING_ID = ric('12010119800101123');
const NANKAI_ID = ric('12010419850315002');
const NANKAI_REJECTED_ID = ric('12010419900720004');
// Recent enough to be published and active, old enough (3 months) for credit repair.
const decided = new Date(Date.now() - 150 * 86_400_000).toISOString().slice(0, 10);
const validUntil = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);

interface Row { name: string; cat: string; uscc?: string; rep?: string; idNo?: string; docno: string; fine: string; date?: string }
const line = (r: Row, authority: string, authorityUscc: string) => [
  r.name, r.cat, r.uscc ?? '', r.rep ?? '', r.idNo ? '身份证' : '', r.idNo ?? '', r.docno, '价格违法', '未明码标价', '《中华人民共和国价格法》第四十二条',
  '罚款', `罚款${Number(r.fine) * 10000}元`, r.fine, r.date ?? decided, validUntil, authority, authorityUscc, authority, authorityUscc,
].join(',');

function extract(f: TestFactory, name: string, authority: string, authorityUscc: string, rows: Row[]): string {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, [HEADER, ...rows.map((r) => line(r, authority, authorityUscc))].join('\n') + '\n');
  return file;
}

const steward = (region: string, extra: Partial<Identity> = {}): Identity => ({ user: `steward@${region}`, role: 'steward', region, ...extra });
const auditor = (extra: Partial<Identity> = {}): Identity => ({ user: 'auditor@city', role: 'auditor', ...extra });
const admin = parseIdentity('admin@test');
const hepingSteward = steward('120101');

async function refusal(p: Promise<unknown>): Promise<{ code: string; kind: string; message: string }> {
  const e = (await p.then(() => null, (err: unknown) => err)) as CdfError | null;
  expect(e, 'expected a refusal').not.toBeNull();
  return { code: e!.code, kind: e!.kind, message: e!.message };
}
async function text(gen: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
}
const unmaskEntries = async (f: TestFactory) =>
  (await f.database.db('audit_log').where({ kind: 'unmask' }).orderBy('seq').select('actor', 'subject', 'payload')) as
    Array<{ actor: string; subject: string; payload: { what: string } }>;

let f: TestFactory;
let heping: string;
let nankai: string;
let nankaiRecord: number;
let hepingRecord: number;

beforeAll(async () => {
  f = await createTestFactory();
  // The registry (a conditional entry) is shared with the Heping bureau by a grant; not with Nankai's.
  const grant = { subscriber: 'heping_market_regulation', dataset: 'legal_person_registry', basis: '演示', grantedBy: 'test', from: '2020-01-01' };
  expect((await importDemoCatalogWith(f, null, { grants: [grant] })).code).toBe(0);
  const hepingFile = extract(f, 'heping.csv', '和平区市场监督管理局', '1112010100002001XQ', [
    { name: '天津市和平区玉福五金交电有限责任公司', cat: '法人及非法人组织', uscc: '91120101MA37K720XQ', rep: '杨东秀', docno: '津和市场监管罚〔2025〕901号', fine: '0.2' },
    { name: '张建军', cat: '自然人', idNo: HEPING_ID, docno: '津和市场监管罚〔2025〕902号', fine: '0.1' },
    // The same decision again with another fine: a conflict for a steward of Heping.
    { name: '天津市和平区玉福五金交电有限责任公司', cat: '法人及非法人组织', uscc: '91120101MA37K720XQ', rep: '杨东秀', docno: '津和市场监管罚〔2025〕901号', fine: '0.3' },
  ]);
  const nankaiFile = extract(f, 'nankai.csv', '南开区市场监督管理局', '111201040000200284', [
    { name: '天津市南开区兰恒纺织有限公司', cat: '法人及非法人组织', uscc: '91120104843826564M', rep: '刘林辉', docno: '津南开市场监管罚〔2025〕901号', fine: '0.5' },
    { name: '李秀英', cat: '自然人', idNo: NANKAI_ID, docno: '津南开市场监管罚〔2025〕902号', fine: '0.1' },
    { name: '李秀英', cat: '自然人', idNo: NANKAI_ID, docno: '津南开市场监管罚〔2025〕902号', fine: '0.4' },
    // Refused (no decision date that exists): its resident ID travels in the rejects.
    { name: '王立军', cat: '自然人', idNo: NANKAI_REJECTED_ID, docno: '津南开市场监管罚〔2025〕903号', fine: '0.1', date: '2025-13-45' },
  ]);
  heping = (await uploadFile(f.ctx, admin, hepingFile, { agency: 'heping_market_regulation', dataset: 'admin_penalty' })).batchId;
  nankai = (await uploadFile(f.ctx, admin, nankaiFile, { agency: 'nankai_market_regulation', dataset: 'admin_penalty' })).batchId;
  for (const id of [heping, nankai]) expect((await waitForBatch(f.ctx, id)).status).toBe('done');
  const recordOf = async (uscc: string) => ((await f.database.db('golden_records').where({ subject_uscc: uscc }).first('id')) as { id: number }).id;
  nankaiRecord = await recordOf('91120104843826564M');
  hepingRecord = await recordOf('91120101MA37K720XQ');
}, 120_000);
afterAll(async () => f?.close());

describe('a Heping steward', () => {
  it('lists only Heping\'s batches, and a Nankai batch is as unknown as a batch that does not exist', async () => {
    expect((await batchesFor(f.database.db, hepingSteward)).map((b) => b.id)).toEqual([heping]);
    expect((await batchesFor(f.database.db, steward('120104'))).map((b) => b.id)).toEqual([nankai]);
    expect((await batchesFor(f.database.db, auditor())).map((b) => b.id).sort()).toEqual([heping, nankai].sort());
    const unknown = await refusal(getBatch(f.database.db, hepingSteward, 'no-such-batch'));
    const other = await refusal(getBatch(f.database.db, hepingSteward, nankai));
    expect(other).toEqual({ ...unknown, message: unknown.message.replaceAll('no-such-batch', nankai) });
    expect(other).toMatchObject({ code: 'CDF_BATCH_UNKNOWN', kind: 'not_found' });
    expect((await getBatch(f.database.db, hepingSteward, heping)).id).toBe(heping);
  });

  it('cannot read a Nankai batch\'s forward lineage or OpenLineage events', async () => {
    expect(await refusal(batchLineage(f.database.db, hepingSteward, nankai))).toMatchObject({ code: 'CDF_BATCH_UNKNOWN', kind: 'not_found' });
    expect(await refusal(batchOpenLineage(f.database.db, hepingSteward, nankai))).toMatchObject({ code: 'CDF_BATCH_UNKNOWN' });
    expect((await batchLineage(f.database.db, hepingSteward, heping)).rows.length).toBeGreaterThan(0);
    expect((await batchLineage(f.database.db, steward('120104'), nankai)).rows.length).toBeGreaterThan(0);
  });

  it('sees only Heping\'s deliveries, queue items and records', async () => {
    const all = await listDeliveries(f.database.db, admin);
    expect(new Set(all.map((d) => d.batchId))).toEqual(new Set([heping, nankai]));
    const mine = await listDeliveries(f.database.db, hepingSteward);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((d) => d.batchId))).toEqual(new Set([heping]));

    const everyTask = await listStewardTasks(f.database.db, admin);
    expect(new Set(everyTask.map((t) => t.batchId))).toEqual(new Set([heping, nankai]));
    const tasks = await listStewardTasks(f.database.db, hepingSteward);
    expect(tasks.map((t) => t.batchId)).toEqual([heping]);
    const nankaiTask = everyTask.find((t) => t.batchId === nankai)!;
    expect(await refusal(decideStewardTask(f.ctx, hepingSteward, nankaiTask.id, { action: 'take_held' })))
      .toMatchObject({ code: 'CDF_TASK_UNKNOWN', kind: 'not_found' });

    const golden = (await text(exportGolden(f.database.db, hepingSteward, 'admin_penalty', 'ndjson'))).trim().split('\n')
      .map((l) => JSON.parse(l) as { id: number; subjectUscc: string | null });
    expect(golden.map((g) => g.subjectUscc)).toEqual(['91120101MA37K720XQ']);
    expect(await refusal(recordLineage(f.database.db, hepingSteward, nankaiRecord))).toMatchObject({ code: 'CDF_RECORD_UNKNOWN', kind: 'not_found' });
  });

  it('cannot credit-repair a Nankai record: nothing is withdrawn and nothing sent; Nankai\'s own steward can', async () => {
    const db = f.database.db;
    const counts = async () => ({
      versions: await db('golden_versions').where({ golden_id: nankaiRecord }).count('* as n').first(),
      deliveries: await db('deliveries').count('* as n').first(),
    });
    const before = await counts();
    const refused = await refusal(repairRecord(f.ctx, hepingSteward, nankaiRecord, { basis: '信用修复管理办法', waitMs: 5000 }));
    const unknown = await refusal(repairRecord(f.ctx, hepingSteward, 999_999, { basis: '信用修复管理办法', waitMs: 5000 }));
    expect(refused).toEqual({ ...unknown, message: unknown.message.replaceAll('999999', String(nankaiRecord)) });
    expect(refused).toMatchObject({ code: 'CDF_RECORD_UNKNOWN', kind: 'not_found' });
    expect((await db('golden_records').where({ id: nankaiRecord }).first('status')) as { status: string }).toEqual({ status: 'active' });
    expect(await counts()).toEqual(before);
    expect(Number(((await db('audit_log').where({ kind: 'credit_repair' }).count('* as n').first()) as { n: unknown }).n)).toBe(0);

    const done = await repairRecord(f.ctx, steward('120104'), nankaiRecord, { basis: '信用修复管理办法', waitMs: 20_000 });
    expect(done).toMatchObject({ goldenId: nankaiRecord, status: 'repaired' });
    expect(hepingRecord).toBeGreaterThan(0);
  });
});

describe('personal data', () => {
  const idsIn = (s: string) => ({ heping: s.includes(HEPING_ID), nankai: s.includes(NANKAI_ID), rejected: s.includes(NANKAI_REJECTED_ID) });

  it('is masked for an auditor without the unmask right, everywhere it answers, and nothing is audited', async () => {
    const db = f.database.db;
    const before = (await unmaskEntries(f)).length;
    const exported = await text(exportGolden(db, auditor(), 'admin_penalty', 'ndjson'));
    expect(idsIn(exported)).toEqual({ heping: false, nankai: false, rejected: false });
    expect(exported).toContain(`${HEPING_ID.slice(0, 6)}********${HEPING_ID.slice(-4)}`);
    expect(exported).toContain('"subject_name":"张**"');
    expect(exported).toContain('天津市和平区玉福五金交电有限责任公司'); // a company's name is not personal data
    const rejects = await text(exportRejects(db, auditor(), await getBatch(db, auditor(), nankai), 'ndjson'));
    expect(rejects).toContain('王**');
    expect(idsIn(rejects).rejected).toBe(false);
    const report = await validationReport(db, auditor(), await getBatch(db, auditor(), nankai));
    expect(idsIn(JSON.stringify(report)).rejected).toBe(false);
    const person = (await db('golden_records').whereRaw(`fields->>'subject_id_no' = ?`, [NANKAI_ID]).first('id')) as { id: number };
    const lineage = await recordLineage(db, auditor(), person.id, 'subject_id_no');
    expect(idsIn(JSON.stringify(lineage)).nankai).toBe(false);
    expect(lineage.record.value).toBe(`${NANKAI_ID.slice(0, 6)}********${NANKAI_ID.slice(-4)}`);
    const tasks = await listStewardTasks(db, auditor());
    expect(tasks.find((t) => t.batchId === nankai)!.subjectName).toBe('李**');
    // Admins and stewards have no need either.
    expect(idsIn(await text(exportGolden(db, admin, 'admin_penalty', 'csv'))).heping).toBe(false);
    expect((await unmaskEntries(f)).length).toBe(before);
  });

  it('is served plain to an auditor with the unmask right, with one audit entry per answer', async () => {
    const db = f.database.db;
    const before = (await unmaskEntries(f)).length;
    const who = auditor({ user: 'auditor@zhao', unmask: true });
    const exported = await text(exportGolden(db, who, 'admin_penalty', 'ndjson', { pageSize: 1 }));
    expect(idsIn(exported)).toEqual({ heping: true, nankai: true, rejected: false });
    expect(exported).toContain('"subject_name":"张建军"');
    let entries = await unmaskEntries(f);
    expect(entries.slice(before)).toEqual([
      expect.objectContaining({ actor: 'auditor@zhao', subject: 'dataset:admin_penalty', payload: expect.objectContaining({ what: 'golden_export' }) }),
    ]);
    const rejects = await text(exportRejects(db, who, await getBatch(db, who, nankai), 'csv'));
    expect(idsIn(rejects).rejected).toBe(true);
    entries = await unmaskEntries(f);
    expect(entries.slice(before + 1)).toEqual([expect.objectContaining({ actor: 'auditor@zhao', subject: `batch:${nankai}` })]);
  });

  it('is plain for the agency that sent the rejects, which must correct them (not audited), and masked for another district\'s agency', async () => {
    const db = f.database.db;
    const before = (await unmaskEntries(f)).length;
    const own = parseIdentity('agency:nankai_market_regulation@clerk');
    expect(idsIn(await text(exportRejects(db, own, await getBatch(db, own, nankai), 'csv'))).rejected).toBe(true);
    expect(idsIn(JSON.stringify(await validationReport(db, own, await getBatch(db, own, nankai)))).rejected).toBe(false); // it quotes only the refused field
    expect(await refusal(getBatch(db, parseIdentity('agency:heping_market_regulation'), nankai))).toMatchObject({ kind: 'forbidden' });
    expect((await unmaskEntries(f)).length).toBe(before);
  });
});

describe('the code registry', () => {
  const code = ['91120101MA37K720XQ'];
  it('is refused to an agency the catalogue does not share it with, and open to one it does', async () => {
    const db = f.database.db;
    expect(await refusal(mapCodes(db, parseIdentity('agency:nankai_market_regulation'), code))).toMatchObject({ code: 'CDF_FORBIDDEN', kind: 'forbidden' });
    expect(await mapCodes(db, parseIdentity('agency:heping_market_regulation'), code)).toHaveLength(1);
    // The provider of the registry's entry always may; so may stewards, auditors and admins.
    expect(await mapCodes(db, parseIdentity('agency:city_market_regulation'), code)).toHaveLength(1);
    for (const who of [hepingSteward, auditor(), admin]) expect((await mapCodes(db, who, code))[0]!.input).toBe(code[0]);
  });
});
