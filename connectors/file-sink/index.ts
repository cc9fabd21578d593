// File-drop sink: writes one file per delivery, named by its idempotency key, as NDJSON (one
// record per line, whole) or CSV (UTF-8 with BOM so spreadsheets read the Chinese, the dataset's
// fields as columns with their standard Chinese names, formulas neutralised). It is written to a
// temporary file in the folder's `.partial/` (same file system, so the rename is atomic), flushed
// to disk and renamed into place: a rename is the only way a delivered file appears, so a worker
// killed at any instant leaves either no file or a whole one, and delivering the same key twice
// leaves the same single file. What a killed worker left in `.partial/` is removed by the next
// delivery to the folder (its own key's at once, another's once no live process owns it).
// The folder is checked against the operator's roots (catalog/sink-policy.ts) after it is created,
// on its real path: a symlink made since the catalogue import cannot lead the write elsewhere.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { folderRefusal } from '../../catalog/sink-policy.ts';
import { csvLine } from '../../domain/csv-safe.ts';
import type { DeliveryRecord, DeliveryResult, SinkConnector } from '../types.ts';
import { checkFileSink } from './check.ts';

const safeName = (key: string): string => key.replace(/[^\w.-]+/g, '_');

/** Temporary files live here, beside the delivered ones but never among them. */
export const PARTIAL_DIR = '.partial';

/** A temporary file's name: the final name, the writer's pid and a nonce. */
const tempName = (final: string): string => `${final}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
const TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Before `.partial/`, temporary files were written beside the delivered ones as NAME.PID.tmp. */
const OLD_TEMP = /^.+\.(ndjson|csv)\.\d+\.tmp$/;

/** Leftovers of killed writers: this key's (one delivery of a key runs at a time, so any is stale)
 * and any whose writer is no longer running. Anything else in the folder is left alone. */
async function removeLeftovers(dir: string, partial: string, finalName: string): Promise<void> {
  for (const name of await readdir(dir)) if (OLD_TEMP.test(name)) await rm(path.join(dir, name), { force: true });
  for (const name of await readdir(partial)) {
    const m = TEMP.exec(name);
    if (!m) continue;
    if (m[1] === finalName || !alive(Number(m[2]))) await rm(path.join(partial, name), { force: true });
  }
}

async function openExclusive(tmp: string, partial: string): Promise<WriteStream> {
  for (let attempt = 0; ; attempt++) {
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await once(out, 'open');
      return out;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw e;
      await mkdir(partial, { recursive: true });
    }
  }
}

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
  async deliver(config, key, records, places): Promise<DeliveryResult> {
    const dir = String(config.dir);
    const format = String(config.format ?? 'ndjson');
    if (format !== 'ndjson' && format !== 'csv') throw new Error(`file subscription: format is ndjson or csv, got "${format}"`);
    if (format === 'csv' && !config.dataset) throw new Error('file subscription: a CSV delivery needs its dataset');
    const csv = format === 'csv' ? csvFormat(String(config.dataset)) : null;
    const refused = folderRefusal(places, dir, key);
    if (refused) throw refused;
    const partial = path.join(dir, PARTIAL_DIR);
    await mkdir(partial, { recursive: true });
    // Once it exists, its real path again: a link put in its place meanwhile is refused too.
    const moved = folderRefusal(places, dir, key);
    if (moved) throw moved;
    const finalName = `${safeName(key)}.${format}`;
    const final = path.join(dir, finalName);
    await removeLeftovers(dir, partial, finalName);
    const tmp = path.join(partial, tempName(finalName));
    // Opened before the first record is read: a folder that refuses the file fails at once. A
    // delivery that just finished may have removed the empty `.partial/`: made again, once.
    const out = await openExclusive(tmp, partial);
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
      // The rename itself on disk: after a power cut the file is there whole, or not at all.
      const folder = await open(dir, 'r');
      await folder.sync();
      await folder.close();
      // The subscriber's folder holds only delivered files: `.partial/` goes once it is empty
      // (another delivery writing into it meanwhile keeps it; it makes it again if needed).
      await rmdir(partial).catch(() => undefined);
    } catch (e) {
      // A write still pending when the stream is destroyed reports it as an error: already handled.
      out.on('error', () => undefined);
      out.destroy();
      await rm(tmp, { force: true });
      await rmdir(partial).catch(() => undefined);
      throw e;
    }
    return { location: final, records: count, tombstones };
  },
};

export default fileSink;
