// File-drop sink: writes one file per delivery, named by its idempotency key, as NDJSON (one
// record per line, whole) or CSV (UTF-8 with BOM so spreadsheets read the Chinese, the dataset's
// fields as columns with their standard Chinese names, formulas neutralised). It is written to a
// temporary name, flushed to disk and renamed into place, so a reader never sees half a file and
// delivering the same key twice leaves the same single file.
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { csvLine } from '../../domain/csv-safe.ts';
import type { DeliveryRecord, DeliveryResult, SinkConnector } from '../types.ts';
import { checkFileSink } from './check.ts';

const safeName = (key: string): string => key.replace(/[^\w.-]+/g, '_');

type Format = (r: DeliveryRecord) => string;

/** CSV columns: what the delivery says of the record, then every field of the dataset standard. */
function csvFormat(dataset: string): { header: string; line: Format } {
  const def = datasetDefinition(dataset);
  const head = ['操作 op', '标准记录 golden_id', '版本 version', '主体统一社会信用代码 subject_uscc', '公示截止 publish_until', '惩戒措施 measures'];
  return {
    header: `\ufeff${csvLine([...head, ...def.fields.map((f) => f.zh)])}`,
    line: (r) => csvLine([
      r.op, r.goldenId, r.version, r.subjectUscc, r.publishUntil ?? '',
      r.measures ? r.measures.map((m) => `${m.name.zh}（${m.action === 'block' ? '拦截' : '提示'}）`).join('；') : '',
      ...def.fields.map((f) => String(r.fields[f.name] ?? '')),
    ]),
  };
}

export const fileSink: SinkConnector = {
  kind: 'sink',
  id: 'file',
  check: checkFileSink,
  async deliver(config, key, records): Promise<DeliveryResult> {
    const dir = String(config.dir);
    const format = String(config.format ?? 'ndjson');
    if (format !== 'ndjson' && format !== 'csv') throw new Error(`file subscription: format is ndjson or csv, got "${format}"`);
    if (format === 'csv' && !config.dataset) throw new Error('file subscription: a CSV delivery needs its dataset');
    const csv = format === 'csv' ? csvFormat(String(config.dataset)) : null;
    await mkdir(dir, { recursive: true });
    const final = path.join(dir, `${safeName(key)}.${format}`);
    const tmp = `${final}.${process.pid}.tmp`;
    const out = createWriteStream(tmp);
    const write = async (text: string) => { if (!out.write(text)) await once(out, 'drain'); };
    let count = 0;
    let tombstones = 0;
    try {
      if (csv) await write(csv.header);
      for await (const r of records) {
        if (r.op === 'tombstone') tombstones++;
        else count++;
        await write(csv ? csv.line(r) : `${JSON.stringify(r)}\n`);
      }
      out.end();
      await once(out, 'finish');
      // On disk before it has its name: a crash after the rename never leaves an empty file.
      const fh = await open(tmp, 'r');
      await fh.sync();
      await fh.close();
      await rename(tmp, final);
    } catch (e) {
      out.destroy();
      await rm(tmp, { force: true });
      throw e;
    }
    return { location: final, records: count, tombstones };
  },
};

export default fileSink;
