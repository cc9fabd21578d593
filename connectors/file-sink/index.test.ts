import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../types.ts';
import { fileSink } from './index.ts';
import { SINK_CONFIG, SINK_UNAVAILABLE } from '../check.ts';
import { sinkConformance } from '../conformance/sink.suite.ts';
import type { Arrival } from '../conformance/sink.suite.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-file-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* some(): AsyncGenerator<DeliveryRecord> {
  yield {
    op: 'upsert', goldenId: 7, version: 2, dataset: 'black_list', subjectUscc: '91120104300010024R',
    fields: { subject_name: '天津南开区鸿运商贸有限公司', remarks: '=HYPERLINK("x")' },
    measures: [{ code: 'tax_invoice_limit', name: { zh: '限制增值税专用发票领用', en: 'x' }, action: 'block', basis: 'b' }] };
  yield { op: 'tombstone', goldenId: 8, version: 3, dataset: 'black_list', subjectUscc: null, fields: {} };
}

describe('fileSink', () => {
  it('writes CSV with a BOM, the standard\'s Chinese column names, measures and formulas neutralised', async () => {
    const r = await fileSink.deliver({ dir, format: 'csv', dataset: 'black_list' }, 'tax:b1', some());
    expect(r).toEqual({ location: path.join(dir, 'tax_b1.csv'), records: 1, tombstones: 1 });
    const text = readFileSync(r.location, 'utf8');
    expect(text.startsWith('\ufeff操作 op,标准记录 golden_id,')).toBe(true);
    const [, first, second] = text.split('\r\n');
    expect(first).toContain('upsert,7,2,91120104300010024R,,限制增值税专用发票领用（拦截）,天津南开区鸿运商贸有限公司');
    expect(first).toContain(`"'=HYPERLINK(""x"")"`);
    expect(second!.startsWith('tombstone,8,3,,')).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
  it('writes NDJSON by default, and refuses a format it does not know, leaving nothing', async () => {
    const r = await fileSink.deliver({ dir }, 'pub:b1', some());
    expect(readFileSync(r.location, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as DeliveryRecord).goldenId)).toEqual([7, 8]);
    await expect(fileSink.deliver({ dir, format: 'xml' }, 'x:b1', some())).rejects.toThrow('format is ndjson or csv, got "xml"');
    expect(readdirSync(dir).sort()).toEqual(['pub_b1.ndjson', 'tax_b1.csv']);
  });
});

// The shared sink contract (connectors/conformance/sink.suite.ts): a fresh folder per case, as
// activities/deliver.ts configures it (dir and dataset added to the subscription's config).
const suiteDir = mkdtempSync(path.join(os.tmpdir(), 'cdf-file-sink-suite-'));
afterAll(() => rmSync(suiteDir, { recursive: true, force: true }));
let targets = 0;
sinkConformance({
  connector: fileSink,
  target: () => {
    const out = path.join(suiteDir, `target-${++targets}`, 'outbox');
    return Promise.resolve({
      config: { dir: out, dataset: 'admin_penalty', format: 'ndjson' },
      location: (key: string) => path.join(out, `${key.replace(':', '_')}.ndjson`),
      // Every line of every file: a second file for the same key would show as a second arrival.
      arrivals: () => Promise.resolve(readdirSync(out).flatMap((n) => readFileSync(path.join(out, n), 'utf8').trim().split('\n'))
        .map((l) => JSON.parse(l) as Arrival).map(({ goldenId, version, op }) => ({ goldenId, version, op }))),
    });
  },
  failing: [
    { about: 'a config without a folder', config: () => ({ format: 'ndjson' }), code: SINK_CONFIG },
    { about: 'a format it does not write', config: () => ({ dir: suiteDir, format: 'xml' }), code: SINK_CONFIG },
    {
      about: 'a folder that cannot be created (a file is in the way)',
      config: () => {
        writeFileSync(path.join(suiteDir, 'in-the-way'), '');
        return { dir: path.join(suiteDir, 'in-the-way', 'outbox') };
      },
      code: SINK_UNAVAILABLE,
    },
  ],
  catalogConfigs: [{}, { format: 'csv' }, { dir: '/srv/exchange/credit', format: 'ndjson' }],
  badCatalogConfig: { config: { format: 'xml' }, field: 'format' },
});
