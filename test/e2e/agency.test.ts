// The agency's journey in the browser, in Chinese and in English: sign in as the market agency;
// see its datasets (and not another agency's) with their fields explained; download the CSV and
// Excel templates (the standard's headers); upload a GBK-encoded CSV with bad rows through the
// drop zone's file input; watch live progress before the final state; read the report grouped by
// reason in the page's language, without any regular expression; download the rejects; send a file
// that is refused (its error shown, the previous report gone); open another agency's batch and get
// the not-found page.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { makeUscc, mulberry32 } from '../../domain/codes/generate.ts';
import { exampleRow } from '../../services/agency/examples.ts';
import { startE2E } from './harness.ts';
import type { E2E, Lang } from './harness.ts';

let e: E2E;
const langs: Lang[] = ['zh-CN', 'en'];
const def = datasetDefinition('admin_penalty');
const HEADERS = def.fields.map((f) => f.zh);
const NOTATION = /\^|\\d|\[0-9|\{\d|must match|应当匹配/;
const MARKET = { name: { zh: '市市场监督管理委员会', en: 'City Market Regulation Commission' }, uscc: '111200000000100140' };
/** Rows enough for the pipeline to take a few seconds, so progress shows before the end. */
const GOOD_ROWS = 3000;

/** A GBK CSV of good rows (each its own subject) and two bad ones: an amount in words, an impossible date. */
function gbkExtract(lang: Lang): Buffer {
  const base = exampleRow('admin_penalty', MARKET);
  const rand = mulberry32(lang === 'en' ? 11 : 12);
  const line = (patch: Record<string, string>) => def.fields.map((f) => patch[f.name] ?? base[f.name] ?? '').join(',');
  const tag = lang === 'en' ? 'E' : 'Z';
  const rows = Array.from({ length: GOOD_ROWS }, (_, i) => line({
    decision_no: `津浏览${tag}罚〔2026〕${i + 1}号`, subject_uscc: makeUscc(rand, { authority: '9', category: '1' }), subject_name: `天津浏览${tag}测试第${i + 1}商贸有限公司`,
  }));
  rows.push(line({ decision_no: `津浏览${tag}罚〔2026〕90001号`, fine_amount: '两千余元' }));
  rows.push(line({ decision_no: `津浏览${tag}罚〔2026〕90002号`, decision_date: '2025-02-30' }));
  return iconv.encode([HEADERS.join(','), ...rows].join('\r\n'), 'gbk');
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await dl.path())!);
}

beforeAll(async () => {
  e = await startE2E();
}, 600_000);
afterAll(async () => { await e?.close(); });

for (const lang of langs) {
  describe(`the agency's journey (${lang})`, () => {
    const zh = lang === 'zh-CN';
    it('sees its datasets, gets the templates, uploads, watches progress, reads the report and downloads the rejects', async () => {
      const page = await e.newPage(lang);
      await e.signIn(page, e.accounts.market);

      await page.goto(`${e.baseUrl}/agency/datasets`);
      const table = page.getByTestId('datasets-table');
      await table.getByText(zh ? '行政处罚' : 'Administrative penalty', { exact: true }).waitFor();
      const listed = await table.innerText();
      expect(listed).toContain(zh ? '行政许可' : 'Administrative licence');
      // The red list is the tax service's dataset, not the market regulator's.
      expect(listed).not.toContain(zh ? '红名单' : 'Red list');
      await e.shot(page, `agency-${lang}-1-datasets`);
      await table.locator('tr', { hasText: zh ? '行政处罚' : 'Administrative penalty' }).locator('.ant-table-row-expand-icon').click();
      const fields = page.getByTestId('fields-table');
      await fields.getByText(zh ? '罚款金额（万元）' : 'Fine (10k yuan)', { exact: true }).waitFor();
      expect(await fields.innerText()).toContain(zh ? '最多 6 位小数' : 'at most 6 decimals');
      expect(await fields.innerText()).not.toMatch(NOTATION);
      await e.shot(page, `agency-${lang}-2-fields`);

      const csv = await download(page, 'template-csv-admin_penalty');
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8').slice(1).split('\r\n')[0]).toBe(HEADERS.join(','));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await download(page, 'template-xlsx-admin_penalty') as unknown as ArrayBuffer);
      expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);

      await page.goto(`${e.baseUrl}/agency/upload`);
      await page.getByTestId('dataset-select').click();
      await page.locator('.ant-select-item-option', { hasText: zh ? '行政处罚' : 'Administrative penalty' }).click();
      await e.shot(page, `agency-${lang}-3-upload`);
      await page.locator('input[type=file]').setInputFiles({ name: `extract-${lang}.csv`, mimeType: 'text/csv', buffer: gbkExtract(lang) });

      // Live progress shows before the report does.
      const live = page.getByTestId('live-figures');
      await live.waitFor();
      const first = await live.innerText();
      const reportAtFirst = await page.getByTestId('batch-report').count();
      expect(first).toMatch(zh ? /已读取 [\d,]+ 行/ : /Read [\d,]+ rows/);
      expect(reportAtFirst).toBe(0);
      await e.shot(page, `agency-${lang}-4-progress`);

      const report = page.getByTestId('batch-report');
      await report.waitFor({ timeout: 120_000 });
      const good = GOOD_ROWS.toLocaleString('zh-CN');
      expect(await live.innerText()).toContain(zh ? `接受 ${good} 行，拒收 2 行` : `${good} accepted, 2 rejected`);
      const reasons = page.getByTestId('reasons');
      await reasons.waitFor();
      const words = await reasons.innerText();
      expect(words).toContain(zh ? '格式不符合标准' : 'value not in the standard\'s format');
      expect(words).toContain(zh ? '例如' : 'e.g.');
      expect(words).not.toMatch(NOTATION);
      await page.getByTestId('cells-CDF_ROW_SCHEMA').getByText('两千余元', { exact: true }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(NOTATION);
      await e.shot(page, `agency-${lang}-5-report`);

      const rejects = (await download(page, 'download-rejects')).toString('utf8');
      expect(rejects).toContain('两千余元');
      expect(rejects).toContain('2025-02-30');

      // A refused file says why in plain words, and the previous file's report goes away.
      await page.locator('input[type=file]').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('会议记录\n明天开会\n') });
      await page.getByTestId('error-alert').waitFor();
      expect(await page.getByTestId('batch-report').count()).toBe(0);
      expect(await page.getByTestId('error-alert').innerText()).not.toMatch(NOTATION);
      await e.shot(page, `agency-${lang}-6-refused`);

      // Another agency's batch is not found, exactly like an unknown one.
      const other = e.demo.batches.find((b) => b.batch.agency === 'city_tax')!.batch.id;
      await page.goto(`${e.baseUrl}/agency/batches/${other}`);
      await page.getByTestId('not-found').waitFor();
      await e.shot(page, `agency-${lang}-7-not-found`);

      // The history lists the upload with its figures; its row opens the report with the variation report.
      await page.goto(`${e.baseUrl}/agency/batches`);
      const row = page.getByTestId('history-table').locator('tr', { hasText: `extract-${lang}.csv` });
      await row.waitFor();
      expect(await row.innerText()).toContain('3,000');
      await e.shot(page, `agency-${lang}-8-history`);
      await row.click();
      await page.getByTestId('variation').waitFor();
      await page.getByTestId('batch-report').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(NOTATION);
      await e.shot(page, `agency-${lang}-9-batch`);
    }, 300_000);
  });
}
