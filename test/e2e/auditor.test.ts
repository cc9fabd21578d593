// The auditor's journey in the browser, in Chinese and in English: sign in as the city auditor;
// find a record by its document number typed with other brackets; open it; trace a field back to
// its source row (the Drawer shows the raw row as received); go forward from that batch and row to
// a delivery; see a record as of a moment before a merge (made here through the steward API) with
// the roles it had then, and the merge from both ends; verify the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseIdentity } from '../../services/identity.ts';
import { uploadFile, waitForBatch } from '../../services/upload.ts';
import { signedAs } from '../helpers/auth.ts';
import { startE2E } from './harness.ts';
import type { E2E, Lang } from './harness.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

let e: E2E;
/** The record found by document number, a source row of it whose fine a clean rule changed, and the merge made. */
const fx = {
  goldenId: 0, docno: '', typed: '', batchId: '', rowNo: 0, received: '',
  survivor: 0, mergedAway: 0, typoBatch: '', beforeMerge: '',
};

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

beforeAll(async () => {
  e = await startE2E();
  const db = e.f.database.db;
  // A penalty whose chosen source row had its fine normalised (e.g. 元 → 万元): a field worth tracing.
  const r = (await db.raw(`
    select g.id, g.fields->>'decision_no' as docno, s.batch_id, s.row_no, c.before
      from golden_records g
      join record_sources s on s.golden_id = g.id and s.role = 'chosen'
      join clean_changes c on c.batch_id = s.batch_id and c.row_no = s.row_no and c.field = 'fine_amount'
     where g.dataset = 'admin_penalty' and g.status = 'active' and g.fields->>'decision_no' like '%〔%〕%'
     order by g.id limit 1`)).rows[0] as { id: string; docno: string; batch_id: string; row_no: number; before: string };
  expect(r, 'the demo has a penalty whose fine a clean rule changed').toBeTruthy();
  Object.assign(fx, {
    goldenId: Number(r.id), docno: r.docno, typed: r.docno.replace('〔', '（').replace('〕', '）'), batchId: r.batch_id, rowNo: r.row_no, received: r.before,
  });

  // A near-duplicate of another penalty (a letter slipped into its document number) from the vertical feed,
  // merged by a steward: as of a moment before, the survivor did not list it.
  const src = (await db.raw(`
    select g.id, w.cells, b.headers, b.column_map
      from golden_records g join record_sources s on s.golden_id = g.id and s.role = 'chosen'
      join raw_rows w on w.batch_id = s.batch_id and w.row_no = s.row_no join batches b on b.id = s.batch_id
     where g.dataset = 'admin_penalty' and g.status = 'active' and g.id <> ? and g.subject_uscc is not null and b.channel = 'agency_upload'
     order by g.id limit 1`, [fx.goldenId])).rows[0] as { id: string; cells: string[]; headers: string[]; column_map: Array<string | null> };
  expect(src, 'the demo has another penalty').toBeTruthy();
  const at = src.column_map.indexOf('decision_no');
  const cells = src.cells.map((c, i) => (i === at ? c.replace(/(\d)(号\s*)$/, '$1A$2') : c));
  const file = path.join(e.f.config.dataDir, 'vertical-typo.csv');
  writeFileSync(file, `${src.headers.map(csvCell).join(',')}\n${cells.map(csvCell).join(',')}\n`);
  const up = await uploadFile(e.f.ctx, parseIdentity('admin@e2e'), file, { agency: 'national_vertical', dataset: 'admin_penalty' });
  await waitForBatch(e.f.ctx, up.batchId);
  const task = (await db('steward_tasks').where({ batch_id: up.batchId, kind: 'suspected_duplicate' }).first('id', 'golden_id', 'detail')) as
    { id: number; golden_id: number; detail: { candidate: { goldenId: number } } } | undefined;
  expect(task, 'the typo is a suspected duplicate').toBeTruthy();
  fx.survivor = Number(task!.detail.candidate.goldenId);
  fx.mergedAway = Number(task!.golden_id);
  fx.typoBatch = up.batchId;
  await new Promise((res) => setTimeout(res, 1100));
  fx.beforeMerge = new Date().toISOString();
  await new Promise((res) => setTimeout(res, 1100));
  const res = await e.app.inject({
    method: 'POST', url: `/api/steward/tasks/${task!.id}/decision`, headers: await signedAs(db, 'steward@e2e-steward'),
    payload: { decision: { action: 'merge' }, note: '文号笔误 / typo' },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 600_000);
afterAll(async () => { await e?.close(); });

const langs: Lang[] = ['zh-CN', 'en'];

/** Beijing wall-clock time of an ISO moment, as the as-of picker takes it. */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

async function pickField(page: Page, name: string) {
  await page.getByTestId('trace-field').click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
}

describe.each(langs)('the auditor in %s', (lang) => {
  const zh = lang === 'zh-CN';

  it('finds a record by its document number typed another way, and traces its fine to the raw row', async () => {
    const page = await e.newPage(lang);
    await e.signIn(page, e.accounts.auditor);
    await page.goto(`${e.baseUrl}/auditor/search`);
    await page.getByTestId('record-search').locator('input').fill(fx.typed);
    await page.getByTestId('record-search').locator('input').press('Enter');
    const row = page.getByTestId('search-results').locator('tr', { hasText: fx.docno });
    await row.first().waitFor();
    expect(await page.getByTestId('search-kind').innerText()).toContain(zh ? '文号' : 'document number');
    await e.shot(page, `auditor-search-${lang}`);
    await row.first().click();
    await page.waitForURL(`**/auditor/records/${fx.goldenId}`);
    await page.getByTestId('record-status').waitFor();
    expect(await page.getByTestId('record-status').innerText()).toBe(zh ? '有效' : 'in force');
    await pickField(page, zh ? '罚款金额' : 'Fine (10k');
    const source = page.getByTestId(`node-source:${fx.batchId}:${fx.rowNo}`);
    await page.locator(`[data-testid="node-source:${fx.batchId}:${fx.rowNo}"][data-traced="yes"]`).waitFor();
    await page.getByTestId('trace-value').waitFor();
    await source.click();
    const raw = page.getByTestId('raw-row');
    await raw.waitFor();
    expect(await raw.innerText()).toContain(fx.received);
    expect(await page.getByTestId('evidence-drawer').innerText()).not.toMatch(/\b(chosen|superseded|duplicate)\b/);
    await e.shot(page, `auditor-record-trace-${lang}`);
  });

  it('goes forward from that batch and row to a delivery', async () => {
    const page = await e.newPage(lang);
    await e.signIn(page, e.accounts.auditor);
    await page.goto(`${e.baseUrl}/auditor/forward?batch=${encodeURIComponent(fx.batchId)}&row=${fx.rowNo}`);
    await page.getByTestId(`forward-record-${fx.goldenId}`).waitFor();
    const deliveries = page.getByTestId('forward-deliveries');
    await deliveries.locator('tbody tr', { hasText: zh ? '已送达' : 'delivered' }).first().waitFor();
    await e.shot(page, `auditor-forward-${lang}`);
    await page.getByTestId(`forward-record-${fx.goldenId}`).click();
    await page.waitForURL(`**/auditor/records/${fx.goldenId}`);
  });

  it('sees a record as it was before a merge, and the merge from both ends', async () => {
    const page = await e.newPage(lang);
    await e.signIn(page, e.accounts.auditor);
    const typoNode = `node-source:${fx.typoBatch}:1`;
    await page.goto(`${e.baseUrl}/auditor/records/${fx.survivor}`);
    await page.getByTestId('merged-from').waitFor();
    await page.getByTestId(typoNode).waitFor();
    expect(await page.getByTestId(typoNode).innerText()).toContain(zh ? '重复来源' : 'duplicate source');
    // As of a moment before the merge: the typo's row is not yet one of this record's sources.
    const picker = page.getByTestId('as-of');
    await picker.click();
    await page.keyboard.type(beijing(fx.beforeMerge));
    await page.keyboard.press('Enter');
    await page.getByTestId('as-of-shown').waitFor();
    await page.getByTestId('lineage-nodes').waitFor();
    await expect.poll(() => page.getByTestId(typoNode).count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('merged-from').count()).toBe(0);
    await e.shot(page, `auditor-as-of-before-merge-${lang}`);
    // The merged-away record: its own row, and where it went.
    await page.goto(`${e.baseUrl}/auditor/records/${fx.mergedAway}`);
    await page.getByTestId('merged-into').waitFor();
    expect(await page.getByTestId('record-status').innerText()).toBe(zh ? '已合并到另一条记录' : 'merged into another record');
    await page.getByTestId(typoNode).waitFor();
    await e.shot(page, `auditor-merged-away-${lang}`);
  });

  it('verifies the audit chain', async () => {
    const page = await e.newPage(lang);
    await e.signIn(page, e.accounts.auditor);
    await page.goto(`${e.baseUrl}/auditor/audit`);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(zh ? '审计链完整' : 'the audit chain is intact');
    await e.shot(page, `auditor-audit-${lang}`);
  });
});
