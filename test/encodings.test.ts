// The same extract in every form agencies send — UTF-8, UTF-8 with a BOM, GBK, GB18030, column
// codes instead of Chinese headers, ASCII parentheses — gives identical accepted rows.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { mapHeaders } from '../domain/layout/headers.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
});
afterAll(async () => f?.close());

const text = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8');
const [header, ...body] = text.split('\n');
const def = datasetDefinition('admin_penalty');
const codes = mapHeaders(def, header!.split(',')).columns.map((field) => def.fields.find((x) => x.name === field)!.column);

const VARIANTS: Record<string, Buffer> = {
  'utf8.csv': Buffer.from(text),
  'utf8-bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  'gbk.csv': iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk'),
  'gb18030.csv': iconv.encode(text, 'gb18030'),
  'column-codes.csv': Buffer.from([codes.join(','), ...body].join('\n')),
  'ascii-parentheses.csv': iconv.encode([header!.replace(/（/g, '(').replace(/）/g, ')'), ...body].join('\n'), 'gb18030'),
};

async function xlsxOf(csv: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('处罚');
  for (const cells of Papa.parse<string[]>(csv, { skipEmptyLines: true }).data) ws.addRow(cells);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it('accepts identical rows from every encoding, header form and XLSX', async () => {
  VARIANTS['workbook.xlsx'] = await xlsxOf(text);
  const accepted: Record<string, unknown> = {};
  for (const [name, bytes] of Object.entries(VARIANTS)) {
    const file = path.join(f.config.dataDir, name);
    writeFileSync(file, bytes);
    // Each variant as its own agency, so no file is "the same batch" as another.
    const agency = ['city_market_regulation', 'city_ecology', 'city_tax', 'city_health', 'city_emergency', 'city_transport', 'hexi_ecology'][
      Object.keys(accepted).length
    ]!;
    const r = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency, dataset: 'admin_penalty' });
    const batch = await waitForBatch(f.ctx, r.batchId);
    expect(batch.status, name).toBe('done');
    expect(batch.encoding, name).toBe(name.endsWith('.xlsx') ? 'xlsx' : name.startsWith('gb') || name === 'ascii-parentheses.csv' ? 'gb18030' : 'utf-8');
    accepted[name] = await f.database.db('clean_rows').where({ batch_id: r.batchId }).orderBy('row_no').select('row_no', 'fields', 'natural_key');
  }
  const reference = accepted['utf8.csv'] as unknown[];
  expect(reference).toHaveLength(10);
  for (const [name, rows] of Object.entries(accepted)) expect(rows, name).toEqual(reference);
});
