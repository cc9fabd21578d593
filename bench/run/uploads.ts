// Pushes every generated file through the API, one batch at a time, and makes a refusal a
// counted outcome: a file refused at upload (its layout, its header) or a batch that failed is
// reported with its code and message, and the run goes on with the other files.
import path from 'node:path';
import { waitForBatch } from '../../services/upload.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { Summary } from '../generate/truth.ts';
import { UploadRefused, uploadThroughApi } from './bench-factory.ts';
import type { Refusal } from './outcomes.ts';

export interface Uploaded {
  batchOfFile: Map<string, string>;
  refused: Map<string, Refusal>;
}

export async function uploadAll(
  ctx: ServiceContext, apiUrl: string, genDir: string, summary: Summary, log: (l: string) => void,
): Promise<Uploaded> {
  const batchOfFile = new Map<string, string>();
  const refused = new Map<string, Refusal>();
  for (const f of summary.files) {
    let batchId: string;
    try {
      batchId = await uploadThroughApi(apiUrl, path.join(genDir, f.file), f.agency, f.channel);
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      refused.set(f.file, { file: f.file, code: e.code, message: e.reason, rows: f.rows });
      log(`  ${f.file}: REFUSED ${e.code} ${e.reason}`);
      continue;
    }
    batchOfFile.set(f.file, batchId);
    try {
      // One batch at a time, so each step's time is its own (concurrent batches are safe).
      const batch = await waitForBatch(ctx, batchId);
      log(`  ${f.file}: ${batch.status} ${JSON.stringify(batch.counts)}`);
    } catch (e) {
      const message = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      refused.set(f.file, { file: f.file, code: 'CDF_BENCH_BATCH_FAILED', message, rows: f.rows });
      log(`  ${f.file}: FAILED ${message}`);
    }
  }
  return { batchOfFile, refused };
}
