// The steward's journey in the browser, in Chinese and in English: sign in as the city steward;
// the queue shows its total, and a filter narrows it; open a conflict with the keyboard only and
// resolve it field by field (a on one field, b on another, e to type a value — first one off the
// standard, answered in plain words, then a right one — b on the last, a note, ctrl+Enter); the
// golden record then has exactly those values; apply a decision to similar items after the
// preview; undo the field-by-field decision and see the record's held values back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readCatalogFile } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { parseIdentity } from '../../services/identity.ts';
import { uploadFile, waitForBatch } from '../../services/upload.ts';
import { signedAs } from '../helpers/auth.ts';
import { writeStewardExtract } from '../helpers/steward-extract.ts';
import { startE2E } from './harness.ts';
import type { E2E, Lang } from './harness.ts';

let e: E2E;
/** Waits for the page (or the database) to show it: network answers, not sleeps. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const langs: Lang[] = ['zh-CN', 'en'];
/** Each language decides its own extract: series 9 (fine differs) in Chinese, series 8 (fine and validity differ) in English. */
const SERIES: Record<Lang, { series: number; untilToo: boolean; batchId: string }> = {
  'zh-CN': { series: 9, untilToo: false, batchId: '' }, en: { series: 8, untilToo: true, batchId: '' },
};
const binhai = readCatalogFile(DEMO_CATALOG).catalog.regions.find((r) => r.code === '120116')!.name;

beforeAll(async () => {
  e = await startE2E();
  for (const lang of langs) {
    const s = SERIES[lang];
    const up = await uploadFile(e.f.ctx, parseIdentity('admin@e2e'), writeStewardExtract(e.f.config.dataDir, s.series, s.untilToo),
      { agency: 'city_market_regulation', dataset: 'admin_penalty' });
    await waitForBatch(e.f.ctx, up.batchId);
    s.batchId = up.batchId;
  }
}, 600_000);
afterAll(async () => { await e?.close(); });

/** The conflicts of one extract in the order of their held rows: four simple pairs, then the four-field pair. */
async function tasksOf(batchId: string): Promise<Array<{ id: number; golden_id: number }>> {
  return (await e.f.database.db('steward_tasks as t')
    .join('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .where({ 't.batch_id': batchId, 't.kind': 'conflict' }).orderBy('c.row_no').select('t.id', 't.golden_id')) as never;
}
const golden = async (id: number) => (await e.f.database.db('golden_records').where({ id }).first('fields', 'version')) as
  { fields: Record<string, string>; version: number };
/** The queue's ids as the page asks for them (the same query through the API). */
async function queueIds(query: string): Promise<number[]> {
  const res = await e.app.inject({ method: 'GET', url: `/api/steward/tasks?${query}`, headers: await signedAs(e.f.database.db, 'steward:120000@e2e-queue') });
  return (res.json() as { tasks: Array<{ id: number }> }).tasks.map((t) => t.id);
}
const totalShown = async (page: Page): Promise<number> => Number(((await page.getByTestId('queue-total').textContent()) ?? '').replace(/[^\d]/g, ''));
async function press(page: Page, ...keys: string[]) {
  for (const k of keys) await page.keyboard.press(k);
}
/** From the queue showing `ids` (its first row selected), j down to the item and Enter. */
async function openFromQueue(page: Page, ids: number[], taskId: number) {
  const selected = () => page.getByTestId('queue-table').locator('[data-selected="true"]').getAttribute('data-task');
  await poll(selected).toBe(String(ids[0]));
  // The page shows exactly the rows the API gives for the same query.
  await poll(async () => (await page.getByTestId('queue-table').locator('[data-task]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task'))))
    .join(',')).toBe(ids.join(','));
  expect(ids).toContain(taskId);
  for (let i = 0; i < ids.indexOf(taskId); i++) await page.keyboard.press('j');
  await poll(selected).toBe(String(taskId));
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/steward/tasks/${taskId}`);
  await page.getByTestId('field-table').waitFor();
}

for (const lang of langs) {
  describe(`the steward's journey (${lang})`, () => {
    it('filters the queue, decides a conflict field by field, applies to similar, and undoes', async () => {
      const s = SERIES[lang];
      const month = String(s.series - 2).padStart(2, '0');
      const [simple, , , , four] = await tasksOf(s.batchId);
      const page = await e.newPage(lang);
      await e.signIn(page, e.accounts.steward);
      await page.goto(`${e.baseUrl}/steward/queue`);
      await poll(() => totalShown(page)).toBeGreaterThan(0);
      const all = await totalShown(page);
      await e.shot(page, `steward-queue-${lang}`);

      // Subjects registered in Binhai only: fewer items, the four-field pair among them.
      await page.getByTestId('region-filter').click();
      await page.keyboard.type(lang === 'en' ? binhai.en : binhai.zh);
      await press(page, 'Enter');
      // Out of the filter box, back to the list's keys.
      await page.getByTestId('queue-total').click();
      await poll(() => totalShown(page)).toBeLessThan(all);
      const binhaiTotal = await totalShown(page);
      expect(binhaiTotal).toBeGreaterThan(0);
      await e.shot(page, `steward-queue-filtered-${lang}`);
      await openFromQueue(page, await queueIds('region=120116&limit=20'), four!.id);
      await expect(page.getByTestId('rule').textContent()).resolves.toContain(lang === 'en' ? 'field by field' : '逐字段');

      // Keyboard only: a on 处罚类别, b on 处罚内容, e on 罚款金额 (first off the standard), b on 处罚有效期.
      await press(page, 'a', 'b', 'e');
      await page.getByTestId('edit-fine_amount').fill('八千元');
      await press(page, 'Enter', 'b', 'n');
      await page.keyboard.type(lang === 'en' ? 'the reviewed decision prevails' : '以复核后的决定书为准');
      await press(page, 'Control+Enter');
      const alert = page.getByTestId('error-alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain(lang === 'en' ? '"Fine (10k yuan)" value "八千元" must be a number' : '「罚款金额（万元）」的值「八千元」应为数字');
      await e.shot(page, `steward-value-refused-${lang}`);
      await press(page, 'Escape', 'e');
      await page.getByTestId('edit-fine_amount').fill('0.25');
      await press(page, 'Enter', 'Control+Enter');
      await page.getByTestId('decided').waitFor();
      await e.shot(page, `steward-decided-${lang}`);
      const decided = await golden(four!.golden_id);
      expect(decided.fields).toMatchObject({
        penalty_types: '罚款', penalty_content: '警告并处罚款3000元', fine_amount: '0.25', valid_until: `2026-${month}-28`, decision_date: `2025-${month}-21`,
      });

      // Apply to similar: keep A on the simple pairs, after the preview.
      await press(page, 'q');
      await page.waitForURL('**/steward/queue');
      await openFromQueue(page, await queueIds('limit=20'), simple!.id);
      await press(page, 'a', ...(s.untilToo ? ['a'] : []), 'p');
      const count = Number(((await page.getByTestId('bulk-count').textContent()) ?? '').replace(/[^\d]/g, ''));
      expect(count).toBeGreaterThanOrEqual(4);
      await e.shot(page, `steward-bulk-preview-${lang}`);
      await page.getByTestId('bulk-apply').click();
      await page.getByTestId('bulk-result').waitFor();
      await e.shot(page, `steward-bulk-applied-${lang}`);
      const mine = (await tasksOf(s.batchId)).slice(0, 4);
      expect(await e.f.database.db('steward_tasks').whereIn('id', mine.map((t) => t.id)).pluck('status')).toEqual(['decided', 'decided', 'decided', 'decided']);
      for (const [i, t] of mine.entries()) expect((await golden(t.golden_id)).fields['fine_amount']).toBe(`1.${i + 1}`);
      await page.getByTestId('bulk-close').click();

      // Undo the field-by-field decision: the held values come back as the record's next version.
      await page.goto(`${e.baseUrl}/steward/tasks/${four!.id}`);
      await page.getByTestId('decided').waitFor();
      await press(page, 'u');
      await poll(async () => (await e.f.database.db('steward_tasks').where({ id: four!.id }).first('status')).status).toBe('open');
      await page.getByTestId('submit').waitFor();
      const undone = await golden(four!.golden_id);
      expect(undone.version).toBe(decided.version + 1);
      expect(undone.fields).toMatchObject({ penalty_types: '罚款', penalty_content: '罚款2000元', fine_amount: '0.2', valid_until: `2026-${month}-20` });
      expect(await page.getByTestId('history').textContent()).toContain(lang === 'en' ? 'undone' : '已撤销');
      await e.shot(page, `steward-undone-${lang}`);
    }, 240_000);
  });
}
