// File-drop sink: writes one NDJSON file per delivery, named by its idempotency key. It is written
// to a temporary name and renamed into place, so a reader never sees half a file and delivering
// the same key twice leaves the same single file.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { DeliveryResult, SinkConnector } from '../types.ts';

const safeName = (key: string): string => key.replace(/[^\w.-]+/g, '_');

export const fileSink: SinkConnector = {
  kind: 'sink',
  id: 'file',
  async deliver(config, key, records): Promise<DeliveryResult> {
    const dir = String(config.dir);
    await mkdir(dir, { recursive: true });
    const final = path.join(dir, `${safeName(key)}.ndjson`);
    const tmp = `${final}.${process.pid}.tmp`;
    const out = createWriteStream(tmp);
    let count = 0;
    let tombstones = 0;
    try {
      for await (const r of records) {
        if (r.op === 'tombstone') tombstones++;
        else count++;
        if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
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
