import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SinkPlaces } from '../../catalog/sink-policy.ts';
import { isCdfError } from '../../domain/errors.ts';
import type { DeliveryRecord } from '../types.ts';
import { fileSink, PARTIAL_DIR } from './index.ts';
import { SINK_CONFIG, SINK_UNAVAILABLE } from '../check.ts';
import { sinkConformance } from '../conformance/sink.suite.ts';
import type { Arrival } from '../conformance/sink.suite.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'cdf-file-sink-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// The worker's bounds: <dataDir>/outbox, and no other root.
const places: SinkPlaces = { dataDir: root, fileSinkRoots: [], webhookHosts: [], secretEnvAllow: [] };
const dir = path.join(root, 'outbox', 'sub');
/** The delivered files: what a subscriber reading the folder sees (the `.partial/` folder is not one). */
const delivered = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

async function* some(): AsyncGenerator<DeliveryRecord> {
  yield {
    op: 'upsert', goldenId: 7, version: 2, dataset: 'black_list', subjectUscc: '91120104300010024R',
    fields: { subject_name: '天津南开区鸿运商贸有限公司', remarks: '=HYPERLINK("x")' },
    measures: [{ code: 'tax_invoice_limit', name: { zh: '限制增值税专用发票领用', en: 'x' }, action: 'block', basis: 'b' }] };
  yield { op: 'tombstone', goldenId: 8, version: 3, dataset: 'black_list', subjectUscc: null, fields: {} };
}

describe('fileSink', () => {
  it('writes CSV with a BOM, the standard\'s Chinese column names, measures and formulas neutralised', async () => {
    const r = await fileSink.deliver({ dir, format: 'csv', dataset: 'black_list' }, 'tax:b1', some(), places);
    expect(r).toEqual({ location: path.join(dir, 'tax_b1.csv'), records: 1, tombstones: 1 });
    const text = readFileSync(r.location, 'utf8');
    expect(text.startsWith('\ufeff操作 op,标准记录 golden_id,')).toBe(true);
    const [, first, second] = text.split('\r\n');
    expect(first).toContain('upsert,7,2,91120104300010024R,,限制增值税专用发票领用（拦截）,天津南开区鸿运商贸有限公司');
    expect(first).toContain(`"'=HYPERLINK(""x"")"`);
    expect(second!.startsWith('tombstone,8,3,,')).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The subscriber's folder holds only what was delivered: the emptied `.partial/` is gone too.
    expect(readdirSync(dir)).not.toContain(PARTIAL_DIR);
  });
  it('writes NDJSON by default, and refuses a format it does not know, leaving nothing', async () => {
    const r = await fileSink.deliver({ dir }, 'pub:b1', some(), places);
    expect(readFileSync(r.location, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as DeliveryRecord).goldenId)).toEqual([7, 8]);
    await expect(fileSink.deliver({ dir, format: 'xml' }, 'x:b1', some(), places)).rejects.toThrow('format is ndjson or csv, got "xml"');
    expect(delivered(dir)).toEqual(['pub_b1.ndjson', 'tax_b1.csv']);
  });
});

describe('fileSink: a worker killed while writing', () => {
  const out = path.join(root, 'outbox', 'killed');
  const partial = path.join(out, PARTIAL_DIR);

  it('writes only in .partial/ until the rename: while records stream, no file of the delivery is in the folder', async () => {
    const seen: Array<{ files: string[]; partial: string[] }> = [];
    async function* watched(): AsyncGenerator<DeliveryRecord> {
      for await (const r of some()) {
        yield r;
        seen.push({ files: delivered(out), partial: readdirSync(partial) });
      }
    }
    await fileSink.deliver({ dir: out }, 'watch:b1', watched(), places);
    expect(seen).toHaveLength(2);
    for (const s of seen) {
      expect(s.files).toEqual([]);
      expect(s.partial).toEqual([expect.stringMatching(/^watch_b1\.ndjson\.\d+\.[0-9a-f]{8}\.tmp$/)]);
    }
    expect(delivered(out)).toEqual(['watch_b1.ndjson']);
    expect(existsSync(partial)).toBe(false);
  });

  it('leaves nothing when the records fail midway: no file, no temporary file', async () => {
    async function* failing(): AsyncGenerator<DeliveryRecord> {
      yield* some();
      throw new Error('the database went away');
    }
    await expect(fileSink.deliver({ dir: out }, 'fail:b1', failing(), places)).rejects.toThrow('the database went away');
    expect(delivered(out)).toEqual(['watch_b1.ndjson']);
    expect(existsSync(partial)).toBe(false);
  });

  it('removes what a killed writer left: its own key\'s at once, another\'s whose process is gone, and the old beside-the-file kind', async () => {
    // A pid no process has (above Linux's pid_max), and the pid of a live process (this one's parent).
    const gone = 4_194_305;
    mkdirSync(partial, { recursive: true });
    writeFileSync(path.join(partial, `retry_b1.ndjson.${process.ppid}.0000abcd.tmp`), '{"op":"ups');
    writeFileSync(path.join(partial, `other_b1.ndjson.${gone}.0000abcd.tmp`), '{"op":"ups');
    writeFileSync(path.join(partial, `busy_b1.ndjson.${process.ppid}.0000abcd.tmp`), '{"op":"ups');
    writeFileSync(path.join(out, `old_b1.ndjson.${gone}.tmp`), '{"op":"ups');
    const r = await fileSink.deliver({ dir: out }, 'retry:b1', some(), places);
    expect(readFileSync(r.location, 'utf8').trim().split('\n')).toHaveLength(2);
    // Another key's file whose writer still runs is its writer's to finish.
    expect(readdirSync(partial)).toEqual([`busy_b1.ndjson.${process.ppid}.0000abcd.tmp`]);
    expect(delivered(out)).toEqual(['retry_b1.ndjson', 'watch_b1.ndjson']);
  });
});

describe('fileSink: the operator\'s bounds, checked as it writes', () => {
  const refusal = async (config: Record<string, unknown>) => {
    try {
      await fileSink.deliver(config, 'evil:b1', some(), places);
    } catch (e) {
      return isCdfError(e) ? e : undefined;
    }
    return undefined;
  };

  it('refuses a folder outside the roots, by .. or by a symlink, creating nothing there', async () => {
    const outside = path.join(root, 'pwned-dir2');
    expect((await refusal({ dir: path.join(root, 'outbox', 'sub', '..', '..', 'pwned-dir2') }))?.code).toBe('CDF_SINK_NOT_ALLOWED');
    mkdirSync(outside);
    symlinkSync(outside, path.join(root, 'outbox', 'link'));
    const e = await refusal({ dir: path.join(root, 'outbox', 'link', 'deeper') });
    expect(e?.code).toBe('CDF_SINK_NOT_ALLOWED');
    expect(e?.messages.en).toContain(`(really ${path.join(outside, 'deeper')})`);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(root, 'pwned-dir2', 'evil_b1.ndjson'))).toBe(false);
  });

  it('writes under a configured root', async () => {
    const extra = mkdtempSync(path.join(os.tmpdir(), 'cdf-file-sink-root-'));
    try {
      const r = await fileSink.deliver({ dir: path.join(extra, 'a') }, 'ok:b1', some(), { ...places, fileSinkRoots: [extra] });
      expect(r.location).toBe(path.join(extra, 'a', 'ok_b1.ndjson'));
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });
});

// The shared sink contract (connectors/conformance/sink.suite.ts): a fresh folder per case, as
// activities/deliver.ts configures it (dir and dataset added to the subscription's config).
const suiteDir = mkdtempSync(path.join(os.tmpdir(), 'cdf-file-sink-suite-'));
const suitePlaces: SinkPlaces = { dataDir: suiteDir, fileSinkRoots: [suiteDir], webhookHosts: [], secretEnvAllow: [] };
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
      places: suitePlaces,
      arrivals: () => Promise.resolve(delivered(out).flatMap((n) => readFileSync(path.join(out, n), 'utf8').trim().split('\n'))
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
