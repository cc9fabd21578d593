// The yardstick: a bare COPY of the same files into an unlogged table of text columns, in the
// same run, on the same server. The pipeline's time is reported as a ratio to this.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/connect.ts';
import { stripLayout } from './layout-strip.ts';
import { withPgClient } from '../../db/copy.ts';

export interface CopyFile {
  path: string;
  columns: number;
  encoding: 'UTF8' | 'GB18030';
  /** Lines above the header and below the data (agencies mode), left out of the COPY. */
  layout?: { above: number; below: number };
}

export async function copySeconds(db: Db, files: CopyFile[]): Promise<number> {
  const started = process.hrtime.bigint();
  await withPgClient(db, async (client) => {
    for (const [i, f] of files.entries()) {
      const table = `bench_copy_${i}`;
      const cols = Array.from({ length: f.columns }, (_, c) => `c${c} text`).join(', ');
      await client.query(`drop table if exists ${table}; create unlogged table ${table} (${cols})`);
      const copy = client.query(copyFrom(`copy ${table} from stdin with (format csv, header true, encoding '${f.encoding}')`));
      if (f.layout) await pipeline(createReadStream(f.path), stripLayout(f.layout.above, f.layout.below), copy);
      else await pipeline(createReadStream(f.path), copy);
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await withPgClient(db, async (client) => {
    for (let i = 0; i < files.length; i++) await client.query(`drop table if exists bench_copy_${i}`);
  });
  return seconds;
}
