// The operator's journey in the browser, in Chinese and in English: the catalogue tree down to an
// entry Heping inherits from the city; a second catalogue version imported through the API and the
// two compared in the page; deliveries filtered to the withheld ones (the rows are as many as the
// count says); the quality dashboard's charts drawn and its table's numbers the API's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import { signedAs } from '../helpers/auth.ts';
import { plantDelivery } from '../helpers/operator.ts';
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
    await expect.poll(() => subs.locator('tr.ant-table-row').count()).toBe(4);
    await subs.getByText(zh ? '市税务局' : 'City Tax Service').first().waitFor();
    await page.getByRole('tab', { name: zh ? '联合惩戒措施' : 'Measures' }).click();
    await expect.poll(() => page.getByTestId('measures-table').locator('tr.ant-table-row').count()).toBe(3);
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
});
