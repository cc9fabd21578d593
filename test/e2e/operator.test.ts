// The operator's journey in the browser, in Chinese and in English: the catalogue tree down to an
// entry Heping inherits from the city; a second catalogue version imported through the API and the
// two compared in the page; deliveries filtered to the withheld ones (the rows are as many as the
// count says); the quality dashboard's charts drawn and its table's numbers the API's; the
// timeliness table with the most overdue entry first and marked; the registry's pull, run again by
// hand and finding nothing new, its batch shown by source and cursor instead of a file name.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { failPull } from '../../db/queries/pulls.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import { signedAs } from '../helpers/auth.ts';
import { plantBatch, plantDelivery } from '../helpers/operator.ts';
import { startE2E } from './harness.ts';
import type { E2E, Lang } from './harness.ts';
import type { Page } from 'playwright-core';

let e: E2E;
const chinaDay = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

beforeAll(async () => {
  e = await startE2E();
  // A second catalogue version: the city ecology bureau now promises daily uploads.
  const c = parse(readFileSync(DEMO_CATALOG, 'utf8')) as CatalogFile;
  c.entries.find((x) => x.agency === 'city_ecology' && x.dataset === 'admin_penalty')!.frequency = 'daily';
  const r = await e.app.inject({
    method: 'POST', url: '/api/catalog?name=v2.json', payload: c, headers: await signedAs(e.f.database.db, 'admin@e2e', { 'content-type': 'application/json' }),
  });
  expect(r.json()).toMatchObject({ created: true });
  // One delivery the catalogue held back whole, besides any the demo's own rules held back in part.
  const batch = e.demo.batches[0]!.batch.id;
  await plantDelivery(e.f.database.db, { subscription: 'city_credit_platform', batchId: batch, status: 'withheld:no_grant', key: `e2e-withheld:${batch}` });
});
afterAll(async () => { await e?.close(); });

const langs: Lang[] = ['zh-CN', 'en'];

describe.each(langs)('the operator in %s', (lang) => {
  const zh = lang === 'zh-CN';
  let page: Page;
  beforeAll(async () => {
    page = await e.newPage(lang);
    await e.signIn(page, e.accounts.admin);
  });

  it('browses the catalogue down to an entry Heping inherits from the city', async () => {
    await page.goto(`${e.baseUrl}/operator/catalog`);
    const tree = page.getByTestId('catalog-tree');
    const node = (text: string) => tree.locator('.ant-tree-treenode', { hasText: text }).last();
    // Expanding animates: a click lands on the node itself only once the motion is over.
    const settled = () => expect.poll(() => tree.locator('.ant-tree-treenode-motion').count()).toBe(0);
    await node(zh ? '和平区' : 'Heping').locator('.ant-tree-switcher_close').click();
    // Heping's children come right under it; the city's own agencies after every district.
    const agency = tree.locator('.ant-tree-treenode', { hasText: zh ? '市市场监督管理委员会' : 'City Market Regulation Commission' }).first();
    await agency.waitFor();
    await settled();
    await agency.locator('.ant-tree-switcher_close').click();
    await agency.locator('.ant-tree-switcher_open').waitFor();
    await settled();
    const entries = tree.getByTestId('inherited-tag');
    expect(await entries.count()).toBeGreaterThan(1);
    await tree.locator('.ant-tree-treenode', { hasText: zh ? '行政处罚' : 'penalt' }).filter({ has: page.getByTestId('inherited-tag') }).first()
      .locator('.ant-tree-node-content-wrapper').click();
    const details = page.getByTestId('node-details');
    await details.getByText(zh ? '继承自 天津市' : 'inherited from Tianjin').waitFor();
    await e.shot(page, `operator-catalog-tree-${lang}`);
  });

  it('compares the two catalogue versions: the changed entry, before and after', async () => {
    await page.goto(`${e.baseUrl}/operator/catalog?tab=diff`);
    const section = page.getByTestId('diff-section-entries');
    await section.waitFor();
    const item = zh ? '市生态环境局 · 行政处罚 · 天津市 · 本单位上报' : 'City Ecology and Environment Bureau · Administrative penalty · Tianjin · agency upload';
    // Named once the catalogue's names are in.
    await expect.poll(() => section.getByTestId('diff-item').allInnerTexts()).toEqual([item]);
    expect(await section.getByTestId('diff-before-frequency').innerText()).toBe(zh ? '每周' : 'weekly');
    expect(await section.getByTestId('diff-after-frequency').innerText()).toBe(zh ? '每日' : 'daily');
    await e.shot(page, `operator-catalog-diff-${lang}`);
  });

  it('filters deliveries to the withheld ones: as many rows as the count says', async () => {
    await page.goto(`${e.baseUrl}/operator/deliveries`);
    const table = page.getByTestId('deliveries-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const answer = page.waitForResponse((r) => r.url().includes('/api/deliveries') && r.url().includes('status=withheld'));
    await page.getByTestId('status-withheld').click();
    const body = (await (await answer).json()) as { total: number; counts: { withheld: number } };
    expect(body.total).toBe(body.counts.withheld);
    expect(body.total).toBeGreaterThan(0);
    await page.getByTestId('status-withheld').getByText(`(${body.total})`).waitFor();
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(Math.min(body.total, 50));
    await table.getByText(zh ? '有条件共享，订阅单位无有效授权' : 'conditional share without a grant in force').first().waitFor();
    expect(await table.getByTestId('temporal-link').count()).toBeGreaterThan(0);
    await e.shot(page, `operator-deliveries-withheld-${lang}`);
  });

  it('lists the subscriptions, grants and measures, and links each batch to its run in Temporal', async () => {
    await page.goto(`${e.baseUrl}/operator/subscriptions`);
    const subs = page.getByTestId('subscriptions-table');
    await expect.poll(() => subs.locator('tr.ant-table-row').count(), { timeout: 10_000 }).toBe(4);
    await subs.getByText(zh ? '市税务局' : 'City Tax Service').first().waitFor();
    await page.getByRole('tab', { name: zh ? '联合惩戒措施' : 'Measures' }).click();
    await expect.poll(() => page.getByTestId('measures-table').locator('tr.ant-table-row').count(), { timeout: 10_000 }).toBe(3);
    await e.shot(page, `operator-measures-${lang}`);
    await page.goto(`${e.baseUrl}/operator/batches`);
    const link = page.getByTestId('batch-run-link').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/localhost:8233\/namespaces\/default\/workflows\/ingest-\w+$/);
    await e.shot(page, `operator-batches-${lang}`);
  });

  it('reads the quality dashboard: charts drawn, the table\'s numbers the API\'s', async () => {
    const now = new Date();
    const from = chinaDay(new Date(now.getTime() - 29 * 86_400_000));
    const to = chinaDay(now);
    const api = await e.app.inject({
      method: 'GET', url: `/api/quality/dashboard?by=agency&bucket=day&from=${from}&to=${to}`, headers: await signedAs(e.f.database.db, 'admin@e2e'),
    });
    const expected = api.json() as { totals: { received: number; batches: number }; groups: Array<{ received: number; batches: number }> };
    expect(expected.totals.batches).toBeGreaterThan(0);
    await page.goto(`${e.baseUrl}/operator/quality`);
    for (const chart of ['conversion', 'wrongCode', 'double', 'timely', 'rejects', 'trend']) {
      await page.getByTestId(`chart-${chart}`).locator('canvas').first().waitFor();
    }
    const total = page.getByTestId('dashboard-total');
    await total.waitFor();
    const cells = await total.locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual([zh ? '合计' : 'Total', String(expected.totals.batches), expected.totals.received.toLocaleString('zh-CN')]);
    const rows = page.getByTestId('dashboard-table').locator('tr.ant-table-row');
    expect(await rows.count()).toBe(expected.groups.length);
    await e.shot(page, `operator-quality-${lang}`);
  });

  it('shows who is late now: the most overdue first and marked, the counts the API\'s', async () => {
    // The city tax service's quarterly red list, last sent in December 2025: months overdue.
    const db = e.f.database.db;
    if (!(await db('batches').where({ id: 'e2e-late-red-list' }).first())) {
      await plantBatch(db, { id: 'e2e-late-red-list', agency: 'city_tax', dataset: 'red_list', createdAt: '2025-12-01T10:00:00+08:00' });
    }
    const api = (await e.app.inject({ method: 'GET', url: '/api/quality/timeliness?limit=20', headers: await signedAs(db, 'admin@e2e') })).json() as {
      counts: { overdue: number }; rows: Array<{ agency: string; dataset: string; status: string }>;
    };
    expect(api.rows[0]).toMatchObject({ agency: 'city_tax', dataset: 'red_list', status: 'overdue' });
    await page.goto(`${e.baseUrl}/operator/quality`);
    const first = page.getByTestId('timeliness-table').locator('tr.ant-table-row').first();
    await first.getByTestId('timeliness-overdue').waitFor();
    expect(await first.getByTestId('timeliness-overdue').innerText()).toContain(zh ? '逾期' : 'overdue');
    expect(await first.innerText()).toContain(zh ? '市税务局' : 'City Tax Service');
    expect(await page.getByTestId('timeliness-status-overdue').innerText()).toContain(`(${api.counts.overdue})`);
    await first.scrollIntoViewIfNeeded();
    await e.shot(page, `operator-timeliness-${lang}`);
  });
});

describe('the operator\'s pulls', () => {
  it('sees the registry pulled, pulls it again and from the start, and shows its batch by source and cursor, in both languages', async () => {
    const registry = e.demo.batches[0]!.batch;
    expect(registry.origin).toMatchObject({ connector: 'sql-pull', cursorFrom: null });
    const page = await e.newPage('zh-CN');
    await e.signIn(page, e.accounts.admin);
    await page.getByTestId('nav').getByText('数据抽取').click();
    await page.waitForURL(/\/operator\/pulls$/);
    const row = page.getByTestId('pulls-table').locator('tr.ant-table-row', { hasText: '市市场监督管理委员会' });
    await row.getByTestId('pull-ok').waitFor();
    expect(await row.innerText()).toContain('法人登记信息');
    expect(await row.getByTestId('pull-last-success').innerText()).toMatch(/前|现在/);
    expect(await row.getByTestId('pull-batch-link').getAttribute('href')).toBe(`/auditor/forward?batch=${registry.id}`);
    expect(await row.innerText()).toContain(registry.origin!.rows.toLocaleString('zh-CN'));

    // Run by hand: the source has not changed since the demo's pull, so there is nothing new and no batch.
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/pulls/run'), { timeout: 60_000 });
    await row.getByTestId('pull-now').click();
    const ran = (await (await answer).json()) as { result: { rows: number; batchId: string | null } };
    expect(ran.result).toMatchObject({ rows: 0, batchId: null });
    await page.getByTestId('pull-outcome').getByText('没有新数据').waitFor();
    await row.getByTestId('pull-ok').waitFor();
    await e.shot(page, 'operator-pulls-zh-CN');

    // A full re-read reads the same rows again: the same data as received, so no new batch.
    await row.getByTestId('pull-full').click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('未变化的记录会被识别为重复').waitFor();
    const reread = page.waitForResponse((r) => r.url().endsWith('/api/pulls/run'), { timeout: 60_000 });
    // Ant Design spaces a two-character Chinese button's label (重 读).
    await confirm.getByRole('button', { name: /^重\s?读$/ }).click();
    const again = (await (await reread).json()) as { result: { rows: number; duplicate: boolean } };
    expect(again.result).toMatchObject({ rows: registry.origin!.rows, duplicate: true });
    await page.getByTestId('pull-outcome').getByText(`读到 ${again.result.rows} 行，与已接收的数据相同，没有新批次`).waitFor();

    await page.getByTestId('switch-language').click();
    await page.getByRole('heading', { name: 'Pulls' }).waitFor();
    await page.getByTestId('pull-outcome').getByText('the same as data already received: no new batch').waitFor();
    const en = page.getByTestId('pulls-table').locator('tr.ant-table-row', { hasText: 'City Market Regulation Commission' });
    expect(await en.getByTestId('pull-ok').innerText()).toBe('OK');
    await e.shot(page, 'operator-pulls-en');

    // A source that is down: two failed pulls in a row, recorded as the pull activity records them.
    const db = e.f.database.db;
    const down = {
      code: 'CDF_PULL_FAILED', zh: '无法连接 postgresql://127.0.0.1:5432/test：连接被拒绝（已重试 3 次）',
      en: 'could not reach postgresql://127.0.0.1:5432/test: connection refused (tried 3 times)',
    };
    for (let i = 0; i < 2; i++) await failPull(db, { agency: registry.agency, dataset: registry.dataset, channel: registry.channel }, down);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await en.getByTestId('pull-failing').waitFor();
    expect(await en.innerText()).toContain('2 failures in a row');
    await en.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('pull-last-error').getByText(down.en).waitFor();
    await e.shot(page, 'operator-pulls-failing-en');

    // The batch runs page names the pulled batch by its source and cursor range, on whichever page it falls.
    const all = (await e.app.inject({ method: 'GET', url: '/api/batches?limit=200', headers: await signedAs(db, 'admin@e2e') })).json() as {
      batches: Array<{ id: string; origin: { source: string; query: string } | null }>;
    };
    const at = all.batches.findIndex((b) => b.id === registry.id);
    const origin = all.batches[at]!.origin!;
    await page.getByTestId('switch-language').click();
    await page.goto(`${e.baseUrl}/operator/batches`);
    const batches = page.getByTestId('batches-table');
    await batches.locator('tr.ant-table-row').first().waitFor();
    const pageNo = Math.floor(at / 20) + 1;
    if (pageNo > 1) await page.locator(`.ant-pagination-item-${pageNo}`).click();
    await expect.poll(() => batches.getByTestId('batch-origin').allInnerTexts())
      .toContain(`来源：${origin.source} · ${origin.query} · 游标 起始 → ${registry.origin!.cursorTo}`);
    await e.shot(page, 'operator-batches-origin-zh-CN');
  });
});
